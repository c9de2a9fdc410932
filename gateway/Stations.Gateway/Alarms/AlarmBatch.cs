using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Alarms;

/// <summary>
/// The alarms of one ingestion batch, raised and cleared in memory with exactly <see cref="AlarmBook"/>'s rules (one
/// active alarm per station, code and device; raising it again bumps last-seen and count), then written once:
/// an episode raised and cleared inside the batch is still stored as its own cleared alarm.
/// </summary>
public sealed class AlarmBatch
{
    readonly Dictionary<string, Dictionary<(string Code, string Device), AlarmRecord>> active;
    readonly List<AlarmRecord> changed = [];
    readonly HashSet<AlarmRecord> changedSet = [];
    readonly HashSet<string> inserted = new(StringComparer.Ordinal);

    /// <summary>Works on <paramref name="active"/>: each station's active alarms by code and device (changed in place).</summary>
    internal AlarmBatch(Dictionary<string, Dictionary<(string Code, string Device), AlarmRecord>> active) => this.active = active;

    /// <summary>Loads the active alarms of <paramref name="stationIds"/> by station (inside the batch's transaction).</summary>
    internal static async Task<Dictionary<string, Dictionary<(string Code, string Device), AlarmRecord>>> LoadAsync(DbSession db, IReadOnlyCollection<string> stationIds, StorageProvider provider)
    {
        var loaded = stationIds.ToDictionary(s => s, _ => new Dictionary<(string, string), AlarmRecord>(), StringComparer.Ordinal);
        foreach (var chunk in stationIds.Chunk(500))
        {
            var rows = await db.Connection.QueryAsync<AlarmRecord>(
                "SELECT id, station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences FROM alarms"
                + " WHERE cleared_at_ms IS NULL AND station_id " + StationList.In(provider),
                new { ids = StationList.Argument(chunk, provider) }, db.Transaction).ConfigureAwait(false);
            foreach (var row in rows)
            {
                loaded[row.StationId][(row.Code, row.DeviceId)] = row;
            }
        }

        return loaded;
    }

    /// <summary>Stations for which this batch stored a new alarm (id 0 here: its id is known only to the database).</summary>
    public IReadOnlySet<string> StationsWithNewAlarms => inserted;

    /// <summary>Raises (or refreshes) an alarm; <paramref name="deviceId"/> is "" for station-wide alarms.</summary>
    public void Raise(string stationId, string code, string deviceId, string severity, string source, string? detail, long atMs)
    {
        var station = Of(stationId);
        if (station.TryGetValue((code, deviceId), out var entry))
        {
            entry.LastSeenMs = Math.Max(entry.LastSeenMs, atMs);
            entry.Occurrences++;
            entry.Detail = detail ?? entry.Detail;
            Touch(entry);
            return;
        }

        entry = new AlarmRecord
        {
            StationId = stationId, Code = code, DeviceId = deviceId, Severity = severity, Source = source, Detail = detail,
            RaisedAtMs = atMs, LastSeenMs = atMs, Occurrences = 1,
        };
        station[(code, deviceId)] = entry;
        inserted.Add(stationId);
        Touch(entry);
    }

    /// <summary>Clears the active alarm, if any.</summary>
    public void Clear(string stationId, string code, string deviceId, long atMs)
    {
        if (Of(stationId).Remove((code, deviceId), out var entry))
        {
            entry.ClearedAtMs = atMs;
            Touch(entry);
        }
    }

    /// <summary>Writes what changed: updates of stored alarms first, then new ones in the order they were raised.</summary>
    public async Task FlushAsync(StatementCache statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        foreach (var entry in changed.Where(e => e.Id != 0))
        {
            await statements.DeferAsync(
                "UPDATE alarms SET last_seen_ms = @lastSeen, occurrences = @occurrences, detail = @detail, cleared_at_ms = @cleared WHERE id = @id",
                ("lastSeen", entry.LastSeenMs), ("occurrences", entry.Occurrences), ("detail", entry.Detail), ("cleared", entry.ClearedAtMs), ("id", entry.Id)).ConfigureAwait(false);
        }

        foreach (var entry in changed.Where(e => e.Id == 0))
        {
            if (entry.ClearedAtMs != null)
            {
                await statements.DeferAsync(
                    """
                    INSERT INTO alarms (station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences, cleared_at_ms)
                    VALUES (@station, @code, @device, @severity, @source, @detail, @raised, @lastSeen, @occurrences, @cleared)
                    """,
                    ("station", entry.StationId), ("code", entry.Code), ("device", entry.DeviceId), ("severity", entry.Severity), ("source", entry.Source),
                    ("detail", entry.Detail), ("raised", entry.RaisedAtMs), ("lastSeen", entry.LastSeenMs), ("occurrences", entry.Occurrences), ("cleared", entry.ClearedAtMs)).ConfigureAwait(false);
                continue;
            }

            // Still active. The station's row is locked (PostgreSQL) or the database is (SQLite), so no other writer can
            // have raised it since the load; the upsert is only a guard against a writer that skips the version.
            await statements.DeferAsync(
                AlarmBook.UpsertActiveSql,
                ("station", entry.StationId), ("code", entry.Code), ("device", entry.DeviceId), ("severity", entry.Severity), ("source", entry.Source),
                ("detail", entry.Detail), ("raised", entry.RaisedAtMs), ("lastSeen", entry.LastSeenMs), ("occurrences", entry.Occurrences)).ConfigureAwait(false);
        }

        changed.Clear();
        changedSet.Clear();
    }

    Dictionary<(string Code, string Device), AlarmRecord> Of(string stationId)
    {
        if (!active.TryGetValue(stationId, out var station))
        {
            active[stationId] = station = [];
        }

        return station;
    }

    void Touch(AlarmRecord entry)
    {
        if (changedSet.Add(entry))
        {
            changed.Add(entry);
        }
    }
}
