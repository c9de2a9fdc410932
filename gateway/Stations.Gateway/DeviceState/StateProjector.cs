using Dapper;
using Stations.Gateway.Alarms;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>
/// Derives station state, device health and alarms from newly stored messages, inside the ingestion transaction.
/// A batch gets its stations' current state once (<see cref="LoadAsync"/>), applies its messages in order in memory
/// (<see cref="StateBatch"/>) and writes only what changed: the same outcome as applying and storing message by message,
/// at a few statements per station per batch instead of about twenty per telemetry message.
/// Between batches the state stays in memory: every writer of a station's projected state bumps
/// `station_state.version` in the same transaction, so a batch reads only the versions and reloads the stations whose
/// version is not the one it remembers (another gateway instance, the presence check, a failed batch).
/// </summary>
public sealed class StateProjector(StateOptions options)
{
    /// <summary>Above this many remembered stations the memory starts over (it is only a shortcut).</summary>
    const int MaxRememberedStations = 100_000;

    /// <summary>Stations' state as of their version; used only under the database's write turn (one batch at a time).</summary>
    readonly Dictionary<string, StationView> remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the state, devices and active alarms of <paramref name="stationIds"/>. On PostgreSQL the station rows are
    /// locked until the batch commits (SQLite's write transaction already excludes other writers), so a presence check
    /// or another gateway instance cannot change them between this read and the batch's write.
    /// </summary>
    public async Task<StateBatch> LoadAsync(DbSession db, IReadOnlyCollection<string> stationIds, StorageProvider provider)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stationIds);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in stationIds.Chunk(500))
        {
            var rows = await db.Connection.QueryAsync<(string StationId, long Version)>(
                "SELECT station_id, version FROM station_state WHERE station_id " + StationList.In(provider) + " ORDER BY station_id"
                + (provider == StorageProvider.Postgres ? " FOR UPDATE" : ""),
                new { ids = StationList.Argument(chunk, provider) }, db.Transaction).ConfigureAwait(false);
            foreach (var (station, version) in rows)
            {
                versions[station] = version;
            }
        }

        var views = new Dictionary<string, StationView>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var station in stationIds)
        {
            if (versions.TryGetValue(station, out var version) && remembered.TryGetValue(station, out var view) && view.State?.Version == version)
            {
                views[station] = view;
            }
            else
            {
                misses.Add(station);
            }
        }

        if (misses.Count > 0)
        {
            await LoadMissesAsync(db, misses, provider, views).ConfigureAwait(false);
        }

        return new StateBatch(options, views);
    }

    /// <summary>The batch committed: remember its stations as written (except those with a new alarm, whose id only the database knows).</summary>
    public void Remember(StateBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (remembered.Count >= MaxRememberedStations)
        {
            remembered.Clear();
        }

        foreach (var (station, view) in batch.Views)
        {
            if (view.State == null || batch.Alarms.StationsWithNewAlarms.Contains(station))
            {
                remembered.Remove(station);
            }
            else
            {
                remembered[station] = view;
            }
        }
    }

    /// <summary>The batch failed (its in-memory changes may be half applied): forget everything remembered.</summary>
    public void Forget() => remembered.Clear();

    static async Task LoadMissesAsync(DbSession db, List<string> stationIds, StorageProvider provider, Dictionary<string, StationView> views)
    {
        var alarms = await AlarmBatch.LoadAsync(db, stationIds, provider).ConfigureAwait(false);
        foreach (var station in stationIds)
        {
            views[station] = new StationView(null, new Dictionary<string, DeviceStatus>(StringComparer.Ordinal), alarms[station]);
        }

        foreach (var chunk in stationIds.Chunk(500))
        {
            var ids = StationList.Argument(chunk, provider);
            foreach (var row in await db.Connection.QueryAsync<StationStateRow>(
                "SELECT * FROM station_state WHERE station_id " + StationList.In(provider), new { ids }, db.Transaction).ConfigureAwait(false))
            {
                views[row.StationId].State = row;
            }

            foreach (var row in await db.Connection.QueryAsync<DeviceStatus>(
                "SELECT * FROM device_state WHERE station_id " + StationList.In(provider), new { ids }, db.Transaction).ConfigureAwait(false))
            {
                views[row.StationId].Devices[row.DeviceId] = row;
            }
        }
    }
}

/// <summary>One station's projected state: its row (null until it has one), its devices by id, its active alarms.</summary>
internal sealed class StationView(StationStateRow? state, Dictionary<string, DeviceStatus> devices, Dictionary<(string Code, string Device), AlarmRecord> alarms)
{
    public StationStateRow? State { get; set; } = state;

    public Dictionary<string, DeviceStatus> Devices { get; } = devices;

    public Dictionary<(string Code, string Device), AlarmRecord> Alarms { get; } = alarms;
}
