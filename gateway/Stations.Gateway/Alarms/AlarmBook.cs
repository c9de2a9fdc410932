using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Alarms;

/// <summary>
/// Raises alarms outside an ingestion batch (the presence check; batches use <see cref="AlarmBatch"/>). At most one
/// active (not cleared) alarm exists per (station, code, device): raising it again only bumps its last-seen time and
/// count (deduplication).
/// </summary>
public static class AlarmBook
{
    /// <summary>Inserts an active alarm or, if one is active for the same station, code and device, joins it.</summary>
    internal const string UpsertActiveSql =
        """
        INSERT INTO alarms (station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences)
        VALUES (@station, @code, @device, @severity, @source, @detail, @raised, @lastSeen, @occurrences)
        ON CONFLICT (station_id, code, device_id) WHERE cleared_at_ms IS NULL DO UPDATE SET
            last_seen_ms = CASE WHEN excluded.last_seen_ms > alarms.last_seen_ms THEN excluded.last_seen_ms ELSE alarms.last_seen_ms END,
            occurrences = alarms.occurrences + excluded.occurrences,
            detail = COALESCE(excluded.detail, alarms.detail)
        """;

    /// <summary>Raises (or refreshes) an alarm; <paramref name="deviceId"/> is "" for station-wide alarms.</summary>
    public static Task RaiseAsync(DbSession db, string stationId, string code, string deviceId, string severity, string source, string? detail, long atMs)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Connection.ExecuteAsync(
            UpsertActiveSql,
            new { station = stationId, code, device = deviceId, severity, source, detail, raised = atMs, lastSeen = atMs, occurrences = 1L },
            db.Transaction);
    }
}
