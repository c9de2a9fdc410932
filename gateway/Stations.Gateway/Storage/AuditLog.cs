using Dapper;

namespace Stations.Gateway.Storage;

/// <summary>Appends who-did-what records (commands sent, alarms acknowledged) inside the caller's transaction.</summary>
public static class AuditLog
{
    /// <summary>Writes one audit record.</summary>
    public static Task WriteAsync(DbSession db, long atMs, string actor, string action, string? stationId, string? detail) =>
        db.Connection.ExecuteAsync(
            "INSERT INTO audit_log (at_ms, actor, action, station_id, detail) VALUES (@atMs, @actor, @action, @stationId, @detail)",
            new { atMs, actor, action, stationId, detail },
            db.Transaction);
}
