namespace Stations.Gateway.Commands;

/// <summary>A command sent to a station and, once it arrives, its result.</summary>
public sealed class CommandRecord
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Command id (`^[A-Za-z0-9_-]{1,40}$`, unique per station).</summary>
    public string CommandId { get; set; } = "";

    /// <summary>Command name from the catalogue (docs/protocol.md).</summary>
    public string Name { get; set; } = "";

    /// <summary>Arguments as JSON, or null.</summary>
    public string? ArgsJson { get; set; }

    /// <summary>UTC ms after which the station must not execute it.</summary>
    public long ExpiresAtMs { get; set; }

    /// <summary>Who asked for it.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>When it was requested, UTC ms.</summary>
    public long RequestedAtMs { get; set; }

    /// <summary>`sent`, `done`, `failed` (result not ok); `expired` is the result code when the station refused a stale command.</summary>
    public string State { get; set; } = "";

    /// <summary>1 when the result was `done`, 0 otherwise, null before a result.</summary>
    public long? ResultOk { get; set; }

    /// <summary>Result code (`done`, `expired`, `no-time`, ...).</summary>
    public string? ResultCode { get; set; }

    /// <summary>Result detail text.</summary>
    public string? ResultDetail { get; set; }

    /// <summary>Result `data` object as JSON.</summary>
    public string? ResultDataJson { get; set; }

    /// <summary>When the result was created on the station, UTC ms.</summary>
    public long? ResultAtMs { get; set; }
}
