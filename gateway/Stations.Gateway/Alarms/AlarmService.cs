using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Alarms;

/// <summary>Reads alarms and records acknowledgements (with audit) for the web UI and API.</summary>
public sealed class AlarmService(StationDatabase database, TimeProvider time)
{
    const string Columns = "id, station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences, acknowledged_by, acknowledged_at_ms, ack_note, cleared_at_ms";

    /// <summary>Active alarms (not cleared), optionally for one station, newest first.</summary>
    public async Task<IReadOnlyList<AlarmRecord>> ListActiveAsync(string? stationId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AlarmRecord>(
            $"SELECT {Columns} FROM alarms WHERE cleared_at_ms IS NULL AND (@stationId IS NULL OR station_id = @stationId) ORDER BY raised_at_ms DESC, id DESC",
            new { stationId }).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>All alarms of a station raised in [fromMs, toMs), newest first.</summary>
    public async Task<IReadOnlyList<AlarmRecord>> ListAsync(string stationId, long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AlarmRecord>(
            $"SELECT {Columns} FROM alarms WHERE station_id = @stationId AND raised_at_ms >= @fromMs AND raised_at_ms < @toMs ORDER BY raised_at_ms DESC, id DESC",
            new { stationId, fromMs, toMs }).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>One alarm by id, or null.</summary>
    public async Task<AlarmRecord?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<AlarmRecord>($"SELECT {Columns} FROM alarms WHERE id = @id", new { id }).ConfigureAwait(false);
    }

    /// <summary>Acknowledges an alarm (first acknowledgement wins); false when it does not exist or was already acknowledged.</summary>
    public async Task<bool> AcknowledgeAsync(long id, string who, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(who);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            "UPDATE alarms SET acknowledged_by = @who, acknowledged_at_ms = @now, ack_note = @note WHERE id = @id AND acknowledged_at_ms IS NULL",
            new { id, who, now, note }, transaction).ConfigureAwait(false);
        if (changed == 1)
        {
            var stationId = await connection.ExecuteScalarAsync<string>("SELECT station_id FROM alarms WHERE id = @id", new { id }, transaction).ConfigureAwait(false);
            await AuditLog.WriteAsync(new DbSession(connection, transaction), now, who, "alarm.acknowledge", stationId, $"alarm {id}: {note}").ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }
}
