using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>Reads the station list with current state, and each station's devices, for the web UI and API.</summary>
public sealed class StationStatusService(StationDatabase database)
{
    const string StationQuery =
        """
        SELECT s.station_id, s.name, COALESCE(t.online, 0) AS online, t.offline_reason, t.boot, t.firmware_version, t.config_hash,
            COALESCE(t.safe_mode, 0) AS safe_mode, COALESCE(t.is_open, 0) AS is_open, COALESCE(t.telemetry_period_s, 60) AS telemetry_period_s,
            COALESCE(t.last_seen_ms, 0) AS last_seen_ms,
            (SELECT COUNT(*) FROM alarms a WHERE a.station_id = s.station_id AND a.cleared_at_ms IS NULL) AS active_alarms
        FROM stations s LEFT JOIN station_state t ON t.station_id = s.station_id
        """;

    /// <summary>Every registered station with its state, by id.</summary>
    public async Task<IReadOnlyList<StationStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<StationStatus>(StationQuery + " ORDER BY s.station_id").ConfigureAwait(false)).ToList();
    }

    /// <summary>One station with its state, or null.</summary>
    public async Task<StationStatus?> FindAsync(string stationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StationStatus>(StationQuery + " WHERE s.station_id = @stationId", new { stationId }).ConfigureAwait(false);
    }

    /// <summary>The station's devices, by kind and id.</summary>
    public async Task<IReadOnlyList<DeviceStatus>> DevicesAsync(string stationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<DeviceStatus>(
            "SELECT * FROM device_state WHERE station_id = @stationId ORDER BY kind, device_id", new { stationId }).ConfigureAwait(false)).ToList();
    }
}
