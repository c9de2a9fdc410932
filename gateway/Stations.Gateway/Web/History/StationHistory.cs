using System.Text.Json;
using Dapper;
using Stations.Gateway.Alarms;
using Stations.Gateway.Commands;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Web.History;

/// <summary>Read-only history queries the web needs beyond the gateway's services: events, temperatures, daily usage, alarm and audit history.</summary>
public sealed class StationHistory(StationDatabase database)
{
    /// <summary>The station's newest events.</summary>
    public async Task<IReadOnlyList<StationEvent>> RecentEventsAsync(string stationId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<StationEvent>(
            "SELECT station_id, event_type, ts_ms, payload FROM messages WHERE station_id = @stationId AND kind = 'event' ORDER BY ts_ms DESC LIMIT @limit",
            new { stationId, limit = (long)limit }).ConfigureAwait(false)).ToList();
    }

    /// <summary>Indoor temperature (mean of fresh probes) per telemetry message since <paramref name="fromMs"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(long TsMs, double TemperatureCelsius)>> TemperaturesAsync(string stationId, long fromMs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long TsMs, string Payload)>(
            "SELECT ts_ms, payload FROM messages WHERE station_id = @stationId AND kind = 'telemetry' AND ts_ms >= @fromMs ORDER BY ts_ms LIMIT 5000",
            new { stationId, fromMs }).ConfigureAwait(false);
        var result = new List<(long, double)>();
        foreach (var (ts, payload) in rows)
        {
            if (MeanTemperature(payload) is { } t)
            {
                result.Add((ts, t));
            }
        }

        return result;
    }

    /// <summary>Daily usage of the station for local dates in [from, to], oldest first.</summary>
    public async Task<IReadOnlyList<DailyUsage>> DailyUsageAsync(string stationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<DailyUsage>(
            "SELECT local_date, visits, litres, charging_sessions, charging_wh FROM rollups_daily WHERE station_id = @stationId AND local_date >= @from AND local_date <= @to ORDER BY local_date",
            new { stationId, from = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false)).ToList();
    }

    /// <summary>Alarms of every station raised since <paramref name="fromMs"/>, newest first (the caller filters by scope).</summary>
    public async Task<IReadOnlyList<AlarmRecord>> AlarmsSinceAsync(long fromMs, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<AlarmRecord>(
            "SELECT id, station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences, acknowledged_by, acknowledged_at_ms, ack_note, cleared_at_ms FROM alarms WHERE raised_at_ms >= @fromMs ORDER BY raised_at_ms DESC, id DESC LIMIT @limit",
            new { fromMs, limit = (long)limit }).ConfigureAwait(false)).ToList();
    }

    /// <summary>The newest audit records (the caller filters by scope).</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<AuditEntry>("SELECT id, at_ms, actor, action, station_id, detail FROM audit_log ORDER BY at_ms DESC, id DESC LIMIT @limit", new { limit = (long)limit }).ConfigureAwait(false)).ToList();
    }

    /// <summary>The newest commands of every station (the caller filters by scope).</summary>
    public async Task<IReadOnlyList<CommandRecord>> RecentCommandsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<CommandRecord>("SELECT * FROM commands ORDER BY requested_at_ms DESC LIMIT @limit", new { limit = (long)limit }).ConfigureAwait(false)).ToList();
    }

    /// <summary>Writes an audit record of its own (station created, user created …).</summary>
    public async Task AuditAsync(long atMs, string actor, string action, string? stationId, string? detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AuditLog.WriteAsync(new DbSession(connection, transaction), atMs, actor, action, stationId, detail).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    static double? MeanTemperature(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (!document.RootElement.TryGetProperty("clim", out var climate) || climate.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            double sum = 0;
            var count = 0;
            foreach (var probe in climate.EnumerateArray())
            {
                if (probe.TryGetProperty("t", out var t) && t.TryGetDouble(out var value))
                {
                    sum += value;
                    count++;
                }
            }

            return count > 0 ? sum / count : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
