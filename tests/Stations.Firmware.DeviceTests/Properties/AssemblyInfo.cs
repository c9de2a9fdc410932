using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Stations.Firmware.DeviceTests")]
[assembly: AssemblyDescription("On-device tests of the station board adapters")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
