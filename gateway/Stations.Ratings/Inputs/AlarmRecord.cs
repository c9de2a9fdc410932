namespace Stations.Ratings.Inputs;

/// <summary>One alarm of a station in the rated period: when it was raised, acknowledged by a manager and cleared (repaired).</summary>
public sealed record AlarmRecord
{
    /// <summary>Station identifier.</summary>
    public required string StationId { get; init; }

    /// <summary>Alarm kind, e.g. <c>dispenser.fault</c> (informative; every kind counts the same).</summary>
    public string Kind { get; init; } = "";

    /// <summary>When the alarm was raised (UTC).</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>When a manager acknowledged it, or null if still unacknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>When the fault cleared (repaired), or null if still open.</summary>
    public DateTimeOffset? ClearedAt { get; init; }
}
