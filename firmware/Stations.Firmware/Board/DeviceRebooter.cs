using nanoFramework.Runtime.Native;
using Stations.Core.Link;

namespace Stations.Firmware.Board
{
    /// <summary>Reboots the ESP32 (Runtime.Native). All relays fall back to off at boot because their pins reset low.</summary>
    public sealed class DeviceRebooter : IRebooter
    {
        /// <inheritdoc />
        public void Reboot()
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
