namespace Stations.Core.Station
{
    /// <summary>The self-test's flash check (set <see cref="StationController.StoreCheck"/>): write a small file, read it back, remove it.</summary>
    public interface IStoreCheck
    {
        /// <summary>Writes and reads back a test record; true when the bytes came back unchanged. <paramref name="detail"/> says what was seen.</summary>
        bool TryWriteAndRead(out string detail);
    }
}
