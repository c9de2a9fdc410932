namespace Stations.Core.Link
{
    /// <summary>Restarts the board (relays fall back to off at boot). The call does not return on the device.</summary>
    public interface IRebooter
    {
        /// <summary>Requests a clean reboot now; the boot that follows reports reason `reboot-cmd`.</summary>
        void Reboot();
    }
}
