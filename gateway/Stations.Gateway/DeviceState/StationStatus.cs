namespace Stations.Gateway.DeviceState;

/// <summary>A station's current state as the web UI shows it.</summary>
public sealed class StationStatus
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>1 when online.</summary>
    public long Online { get; set; }

    /// <summary>Why it is offline: `will` or `timeout`.</summary>
    public string? OfflineReason { get; set; }

    /// <summary>Current boot id.</summary>
    public string? Boot { get; set; }

    /// <summary>Firmware version.</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>Config hash (CRC-32 hex) in force.</summary>
    public string? ConfigHash { get; set; }

    /// <summary>1 when the station started in safe mode.</summary>
    public long SafeMode { get; set; }

    /// <summary>1 when the station counts as open now.</summary>
    public long IsOpen { get; set; }

    /// <summary>Telemetry period, seconds.</summary>
    public long TelemetryPeriodS { get; set; }

    /// <summary>Last message received, UTC ms (0 = never).</summary>
    public long LastSeenMs { get; set; }

    /// <summary>Active alarms.</summary>
    public long ActiveAlarms { get; set; }
}
