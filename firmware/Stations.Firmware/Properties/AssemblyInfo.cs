using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Stations.Firmware")]
[assembly: AssemblyDescription("Union rest station board: ESP32 adapters and composition root")]
[assembly: AssemblyCompany("Stations")]
[assembly: AssemblyProduct("Stations")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
