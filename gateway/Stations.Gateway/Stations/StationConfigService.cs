using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Stations.Gateway.Commands;
using Stations.Gateway.Storage;
using CoreCrc32 = global::Stations.Core.Protocol.Crc32;
using CoreStationConfig = global::Stations.Core.Station.StationConfig;

namespace Stations.Gateway.Stations;

/// <summary>
/// Saves station configs after checking them with the station's own validator (`StationConfig.TryParse`), keeps every
/// version (who, when, hash), and pushes the saved one with `config.set`. The saved JSON is stored in the compact form
/// `config.set` carries, so its CRC-32 is the `cfg` the station reports once it has applied it.
/// </summary>
public sealed class StationConfigService(StationDatabase database, StationRegistry registry, CommandService commands, TimeProvider time)
{
    /// <summary>Largest config (compact UTF-8 bytes) that still fits a `config.set` command with its envelope.</summary>
    public const int MaxConfigBytes = CommandValidator.SizeLimitBytes - 192;

    /// <summary>How long a pushed config may still be applied by the station.</summary>
    public static readonly TimeSpan PushTimeToLive = TimeSpan.FromMinutes(10);

    /// <summary>Checks <paramref name="json"/> as config of <paramref name="stationId"/> exactly as the station would.</summary>
    public static StationConfigCheck Check(string stationId, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // The station's message first and verbatim: it names the field and the fix.
        if (!CoreStationConfig.TryParse(json, 0, json.Length, out var parsed, out var error))
        {
            return new StationConfigCheck(error, null, null);
        }

        if (parsed.StationId != stationId)
        {
            // The same words the station answers a foreign config with.
            return new StationConfigCheck("stationId: '" + parsed.StationId + "' is not this station ('" + stationId + "'); send this station's own config", null, null);
        }

        // config.set re-serializes the object compactly (System.Text.Json defaults); the station hashes those bytes.
        var compact = Compact(json);
        var bytes = Encoding.UTF8.GetBytes(compact);
        if (bytes.Length > MaxConfigBytes)
        {
            return new StationConfigCheck($"config: {bytes.Length} bytes is above the {MaxConfigBytes}-byte limit of a config.set command; remove unused devices or shorten names", null, null);
        }

        if (!CoreStationConfig.TryParse(bytes, 0, bytes.Length, out var sent, out error))
        {
            return new StationConfigCheck(error, null, null);
        }

        return new StationConfigCheck(null, compact, sent.Hash);
    }

    /// <summary>The `cfg` hash the station reports for <paramref name="compactJson"/> (CRC-32/IEEE, 8 lowercase hex).</summary>
    public static string HashOf(string compactJson) => CoreCrc32.ToHex(CoreCrc32.Compute(Encoding.UTF8.GetBytes(compactJson)));

    /// <summary>The compact form `config.set` carries (what CommandService sends for an args object).</summary>
    public static string Compact(byte[] json) => JsonNode.Parse(json)!.ToJsonString();

    /// <summary>The config for reading and editing: indented, Chinese as text.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(PrettyOptions);

    static readonly JsonSerializerOptions PrettyOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The saved config of the station (compact JSON), or null when none is saved.</summary>
    public async Task<string?> CurrentAsync(string stationId, CancellationToken cancellationToken = default)
    {
        var station = await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(station?.ConfigJson) ? null : Compact(Encoding.UTF8.GetBytes(station.ConfigJson));
    }

    /// <summary>The station's saved versions, newest first.</summary>
    public async Task<IReadOnlyList<StationConfigVersion>> HistoryAsync(string stationId, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(
            "SELECT version_id, station_id, config_json, config_hash, saved_by, saved_at_ms FROM station_config_versions WHERE station_id = @stationId ORDER BY version_id DESC LIMIT @limit",
            new { stationId, limit = (long)limit }).ConfigureAwait(false);
        return rows.Select(r => new StationConfigVersion(r.VersionId, r.StationId, r.ConfigJson, r.ConfigHash, r.SavedBy, r.SavedAtMs)).ToList();
    }

    /// <summary>
    /// Validates and saves <paramref name="json"/> as the station's config (audited, previous versions kept). Returns
    /// the check; nothing is written when it is invalid.
    /// </summary>
    public async Task<StationConfigCheck> SaveAsync(string stationId, byte[] json, string savedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        if (await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false) == null)
        {
            throw new ArgumentException($"Station '{stationId}' is not registered.", nameof(stationId));
        }

        var check = Check(stationId, json);
        if (!check.Valid)
        {
            return check;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE stations SET config_json = @json WHERE station_id = @stationId", new { json = check.Json, stationId }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO station_config_versions (station_id, config_json, config_hash, saved_by, saved_at_ms) VALUES (@stationId, @json, @hash, @savedBy, @now)",
            new { stationId, json = check.Json, hash = check.Hash, savedBy, now }, transaction).ConfigureAwait(false);
        await AuditLog.WriteAsync(new DbSession(connection, transaction), now, savedBy, "config.save", stationId, "cfg " + check.Hash).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        registry.Forget(stationId);
        return check;
    }

    /// <summary>Sends the saved config with `config.set`; null when the station has no saved config.</summary>
    public async Task<CommandRecord?> PushAsync(string stationId, string requestedBy, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(stationId, cancellationToken).ConfigureAwait(false);
        if (current == null)
        {
            return null;
        }

        var args = new JsonObject { ["config"] = JsonNode.Parse(current) };
        return await commands.SendAsync(stationId, "config.set", args, PushTimeToLive, requestedBy, cancellationToken).ConfigureAwait(false);
    }

    sealed class VersionRow
    {
        public long VersionId { get; set; }
        public string StationId { get; set; } = "";
        public string ConfigJson { get; set; } = "";
        public string ConfigHash { get; set; } = "";
        public string SavedBy { get; set; } = "";
        public long SavedAtMs { get; set; }
    }
}
