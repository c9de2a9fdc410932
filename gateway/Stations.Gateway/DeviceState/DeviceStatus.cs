namespace Stations.Gateway.DeviceState;

/// <summary>One device's latest state (from the newest telemetry).</summary>
public sealed class DeviceStatus
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Device id (`water1`, `ebike1`, `probe1`, `door1`, `ac1`).</summary>
    public string DeviceId { get; set; } = "";

    /// <summary>`dispenser`, `outlet`, `probe`, `door` or `hvac`.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Status word (`ok`, `dry`, `idle`, `on`, `locked`, `open`, `stale`, `fault` ...).</summary>
    public string Status { get; set; } = "";

    /// <summary>1 when the device works as it should.</summary>
    public long Healthy { get; set; }

    /// <summary>The device's telemetry object as JSON (temperature, watts ...).</summary>
    public string DetailJson { get; set; } = "";

    /// <summary>Since when it has had this status, UTC ms.</summary>
    public long StatusSinceMs { get; set; }

    /// <summary>Time of the telemetry this comes from, UTC ms.</summary>
    public long UpdatedAtMs { get; set; }
}
