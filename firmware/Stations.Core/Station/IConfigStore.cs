namespace Stations.Core.Station
{
    /// <summary>Persists an accepted config so the next boot starts with it (set <see cref="StationController.ConfigStore"/>).</summary>
    public interface IConfigStore
    {
        /// <summary>Durably replaces the stored config with json[offset .. offset+count); false when the write failed.</summary>
        bool TrySaveConfig(byte[] json, int offset, int count);
    }
}
