using Dapper;
using Stations.Gateway.Alarms;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>
/// Derives station state, device health and alarms from newly stored messages, inside the ingestion transaction.
/// A batch loads the current state of its stations once (<see cref="LoadAsync"/>), applies its messages in order in
/// memory (<see cref="StateBatch"/>) and writes only what changed: the same outcome as applying and storing message by
/// message, at a few statements per station per batch instead of about twenty per telemetry message.
/// </summary>
public sealed class StateProjector(StateOptions options)
{
    /// <summary>
    /// Loads the state, devices and active alarms of <paramref name="stationIds"/>. On PostgreSQL the station rows are
    /// locked until the batch commits (SQLite's write transaction already excludes other writers), so a presence check
    /// or another gateway instance cannot change them between this read and the batch's write.
    /// </summary>
    public async Task<StateBatch> LoadAsync(DbSession db, IReadOnlyCollection<string> stationIds, StorageProvider provider)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stationIds);
        var stations = new Dictionary<string, StationStateRow>(StringComparer.Ordinal);
        var devices = new Dictionary<(string, string), DeviceStatus>();
        var postgres = provider == StorageProvider.Postgres;
        var inChunk = InList(provider);
        foreach (var chunk in stationIds.Chunk(500))
        {
            var rows = await db.Connection.QueryAsync<StationStateRow>(
                "SELECT * FROM station_state WHERE station_id " + inChunk + " ORDER BY station_id" + (postgres ? " FOR UPDATE" : ""),
                new { chunk }, db.Transaction).ConfigureAwait(false);
            foreach (var row in rows)
            {
                stations[row.StationId] = row;
            }

            var deviceRows = await db.Connection.QueryAsync<DeviceStatus>(
                "SELECT * FROM device_state WHERE station_id " + inChunk, new { chunk }, db.Transaction).ConfigureAwait(false);
            foreach (var row in deviceRows)
            {
                devices[(row.StationId, row.DeviceId)] = row;
            }
        }

        var alarms = await AlarmBatch.LoadAsync(db, stationIds, provider).ConfigureAwait(false);
        return new StateBatch(options, stations, devices, alarms);
    }

    /// <summary>`IN @chunk` for SQLite (Dapper expands the list), `= ANY(@chunk)` for PostgreSQL (Npgsql takes the array as one parameter).</summary>
    internal static string InList(StorageProvider provider) => provider == StorageProvider.Postgres ? "= ANY(@chunk)" : "IN @chunk";
}
