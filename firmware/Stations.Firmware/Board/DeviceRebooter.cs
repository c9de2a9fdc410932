using nanoFramework.Runtime.Native;
using Stations.Core.Link;
using Stations.Core.Protocol;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// Reboots the ESP32 (Runtime.Native). Before rebooting it leaves a marker on `I:` so the next boot reports reason
    /// `reboot-cmd`; all relays fall back to off at boot because their pins reset low.
    /// </summary>
    public sealed class DeviceRebooter : IRebooter
    {
        /// <summary>Marker file written just before a commanded reboot.</summary>
        public const string RebootMarker = "reboot-cmd.flag";

        private static readonly byte[] MarkerBytes = new byte[] { 1 };

        private readonly IFlashStore _store;

        /// <summary>Creates the rebooter over the flash store that keeps the marker.</summary>
        public DeviceRebooter(IFlashStore store)
        {
            _store = store;
        }

        /// <summary>
        /// The reason for this boot, from the marker (and clears it): `reboot-cmd` after a commanded reboot, otherwise
        /// `unknown` (the managed API cannot tell a power cut from a watchdog or a crash).
        /// </summary>
        public static string TakeBootReason(IFlashStore store)
        {
            if (store.GetLength(RebootMarker) < 0)
            {
                return ProtocolCodes.BootReasonUnknown;
            }

            store.Delete(RebootMarker);
            return ProtocolCodes.BootReasonRebootCommand;
        }

        /// <inheritdoc />
        public void Reboot()
        {
            try
            {
                _store.Delete(RebootMarker);
                _store.WriteNew(RebootMarker, MarkerBytes, 0, 1);
            }
            catch (System.IO.IOException)
            {
                // The reboot matters more than the reason it will report.
            }

            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
