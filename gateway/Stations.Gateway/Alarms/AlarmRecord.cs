namespace Stations.Gateway.Alarms;

/// <summary>An alarm and its lifecycle: raised → acknowledged (who, when, note) → cleared.</summary>
public sealed class AlarmRecord
{
    /// <summary>Alarm id.</summary>
    public long Id { get; set; }

    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Alarm code (docs/protocol.md or <see cref="AlarmCodes"/>).</summary>
    public string Code { get; set; } = "";

    /// <summary>Device id, or "" for the whole station.</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>`warn` or `crit`.</summary>
    public string Severity { get; set; } = "";

    /// <summary>`station` (alarm.raise event) or `gateway` (derived).</summary>
    public string Source { get; set; } = "";

    /// <summary>Free text (measured value, reason).</summary>
    public string? Detail { get; set; }

    /// <summary>When raised, UTC Unix ms.</summary>
    public long RaisedAtMs { get; set; }

    /// <summary>Last time the condition was reported, UTC Unix ms.</summary>
    public long LastSeenMs { get; set; }

    /// <summary>How many times the condition was reported while active.</summary>
    public long Occurrences { get; set; }

    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>When acknowledged, UTC Unix ms.</summary>
    public long? AcknowledgedAtMs { get; set; }

    /// <summary>The acknowledger's note.</summary>
    public string? AckNote { get; set; }

    /// <summary>When cleared, UTC Unix ms; null while active.</summary>
    public long? ClearedAtMs { get; set; }

    /// <summary>`raised`, `acknowledged` or `cleared`.</summary>
    public string State => ClearedAtMs != null ? "cleared" : AcknowledgedAtMs != null ? "acknowledged" : "raised";
}
