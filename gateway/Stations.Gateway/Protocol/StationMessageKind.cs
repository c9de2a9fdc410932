namespace Stations.Gateway.Protocol;

/// <summary>What a station publishes, by topic suffix (docs/protocol.md, "Topics").</summary>
public enum StationMessageKind
{
    /// <summary>`status`: birth (online) or will (offline), retained.</summary>
    Status,

    /// <summary>`telemetry`: periodic snapshot.</summary>
    Telemetry,

    /// <summary>`event`: something happened.</summary>
    Event,

    /// <summary>`cmd/result`: the outcome of a command.</summary>
    CommandResult,
}
