namespace Stations.Simulator.Fleet;

/// <summary>The firmware images a virtual board can run.</summary>
public static class FirmwareCatalog
{
    /// <summary>The connectivity-only stand-in.</summary>
    public static FirmwareFactory Beacon { get; } = board => new BeaconFirmware(board);

    /// <summary>The real Core runtime (StationController + the link runtime), once Core provides it.</summary>
    public static bool TryGetCore(out FirmwareFactory? factory)
    {
        factory = null;
        return false;
    }
}
