namespace Stations.Simulator.Fleet;

/// <summary>The firmware images a virtual board can run.</summary>
public static class FirmwareCatalog
{
    /// <summary>The connectivity-only stand-in.</summary>
    public static FirmwareFactory Beacon { get; } = board => new BeaconFirmware(board);

    /// <summary>The real Core runtime: StationLink driving StationController over the simulated hardware.</summary>
    public static FirmwareFactory Core { get; } = board => new CoreFirmware(board);

    /// <summary>A firmware by its command-line name (`core` or `beacon`), or null.</summary>
    public static FirmwareFactory? Find(string name) => name switch
    {
        "core" => Core,
        "beacon" => Beacon,
        _ => null,
    };
}
