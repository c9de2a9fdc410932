namespace Stations.Core.Station
{
    /// <summary>
    /// Keeps the set of locked-out outlets across reboots (set <see cref="StationController.LockoutStore"/>), so only
    /// `outlet.reset-lockout` ever clears a lockout.
    /// </summary>
    public interface ILockoutStore
    {
        /// <summary>True when <paramref name="deviceId"/> is stored as locked out (also true when the store cannot be read).</summary>
        bool IsLocked(string deviceId);

        /// <summary>Durably records <paramref name="deviceId"/> as locked out or not; false when the write failed.</summary>
        bool TrySave(string deviceId, bool locked);
    }
}
