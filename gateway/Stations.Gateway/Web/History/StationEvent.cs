namespace Stations.Gateway.Web.History;

/// <summary>One stored station event (door, visit, dispense, outlet session, alarm, boot …).</summary>
public sealed class StationEvent
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Event type (`door.open`, `outlet.stop` …).</summary>
    public string EventType { get; set; } = "";

    /// <summary>When it happened, UTC ms.</summary>
    public long TsMs { get; set; }

    /// <summary>The raw event JSON.</summary>
    public string Payload { get; set; } = "";
}
