namespace Stations.Simulator.Fleet;

/// <summary>A snapshot of the fleet for the live display and for tests.</summary>
public sealed record FleetSummary(
    DateTimeOffset VirtualUtc,
    int Stations,
    int Connected,
    int PoweredOff,
    long Telemetry,
    long Events,
    long CommandResults,
    long Resent,
    long BrokerAcked,
    long GatewayAcked,
    long Backlog,
    long Boots,
    IReadOnlyDictionary<string, long> EventTypes)
{
    /// <summary>Distinct telemetry, events and command results published (re-sends are counted in Resent).</summary>
    public long Sent => Telemetry + Events + CommandResults;
}
