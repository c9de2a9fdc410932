namespace Stations.Gateway.Web.History;

/// <summary>One audit record: who did what to which station, when.</summary>
public sealed class AuditEntry
{
    /// <summary>Record id.</summary>
    public long Id { get; set; }

    /// <summary>When, UTC ms.</summary>
    public long AtMs { get; set; }

    /// <summary>Who (user name).</summary>
    public string Actor { get; set; } = "";

    /// <summary>What (`command.send`, `alarm.acknowledge`, `station.create` …).</summary>
    public string Action { get; set; } = "";

    /// <summary>Station concerned, if any.</summary>
    public string? StationId { get; set; }

    /// <summary>Details.</summary>
    public string? Detail { get; set; }
}
