using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Alarms;

/// <summary>
/// Raises and clears alarms inside the ingestion transaction. At most one active (not cleared) alarm exists per
/// (station, code, device): raising it again only bumps its last-seen time and count (deduplication).
/// </summary>
public static class AlarmBook
{
    /// <summary>Raises (or refreshes) an alarm; <paramref name="deviceId"/> is "" for station-wide alarms.</summary>
    public static Task RaiseAsync(DbSession db, string stationId, string code, string deviceId, string severity, string source, string? detail, long atMs) =>
        db.Connection.ExecuteAsync(
            """
            INSERT INTO alarms (station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences)
            VALUES (@stationId, @code, @deviceId, @severity, @source, @detail, @atMs, @atMs, 1)
            ON CONFLICT (station_id, code, device_id) WHERE cleared_at_ms IS NULL DO UPDATE SET
                last_seen_ms = CASE WHEN excluded.last_seen_ms > alarms.last_seen_ms THEN excluded.last_seen_ms ELSE alarms.last_seen_ms END,
                occurrences = alarms.occurrences + 1,
                detail = COALESCE(excluded.detail, alarms.detail)
            """,
            new { stationId, code, deviceId, severity, source, detail, atMs },
            db.Transaction);

    /// <summary>Clears the active alarm, if any.</summary>
    public static Task ClearAsync(DbSession db, string stationId, string code, string deviceId, long atMs) =>
        db.Connection.ExecuteAsync(
            "UPDATE alarms SET cleared_at_ms = @atMs WHERE station_id = @stationId AND code = @code AND device_id = @deviceId AND cleared_at_ms IS NULL",
            new { stationId, code, deviceId, atMs },
            db.Transaction);
}
