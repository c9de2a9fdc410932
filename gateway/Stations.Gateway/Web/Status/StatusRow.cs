namespace Stations.Gateway.Web.Status;

/// <summary>One station's line on the status overview: state, open alarms, last contact, its own time zone and region.</summary>
public sealed class StatusRow
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Station name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The station's IANA time zone (its times are shown in it).</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>1 when connected.</summary>
    public long Online { get; set; }

    /// <summary>1 when inside opening hours.</summary>
    public long IsOpen { get; set; }

    /// <summary>Alarms not yet cleared.</summary>
    public long ActiveAlarms { get; set; }

    /// <summary>Last message, UTC ms (0 = never).</summary>
    public long LastSeenMs { get; set; }

    /// <summary>The region the station is placed in, or null.</summary>
    public long? RegionId { get; set; }
}
