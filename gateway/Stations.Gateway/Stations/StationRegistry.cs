using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Stations;

/// <summary>The station registry: provisioning, credentials (PBKDF2 hashes), schedule and config; caches lookups for the broker.</summary>
public sealed partial class StationRegistry(StationDatabase database, TimeProvider time)
{
    readonly ConcurrentDictionary<string, (StationRecord Station, string PasswordHash)> cache = new(StringComparer.Ordinal);

    // Stations whose password passed the PBKDF2 check, with the stored hash it passed against and a SHA-256 of the
    // password: a reconnect (storms after an outage: thousands at once) costs a SHA-256, not 100,000 PBKDF2 rounds.
    // A new password changes the stored hash (fresh salt), which retires the entry.
    readonly ConcurrentDictionary<string, (string StoredHash, byte[] PasswordDigest)> verified = new(StringComparer.Ordinal);

    /// <summary>Station ids: 3–32 chars, lowercase letters, digits and dashes (docs/protocol.md).</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,31}$")]
    public static partial Regex StationIdPattern();

    /// <summary>Adds a station or replaces its name, schedule and password.</summary>
    public async Task RegisterAsync(string stationId, string password, string? name = null, string timeZone = "Asia/Shanghai", int scheduleOpenMinute = 0, int scheduleCloseMinute = 1440, CancellationToken cancellationToken = default)
    {
        if (!StationIdPattern().IsMatch(stationId))
        {
            throw new ArgumentException($"Station id '{stationId}' is invalid: use 3–32 lowercase letters, digits and dashes, starting with a letter or digit (e.g. gz-gy-0001).", nameof(stationId));
        }

        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            throw new ArgumentException("Station password must have at least 8 characters.", nameof(password));
        }

        _ = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        if (scheduleOpenMinute is < 0 or > 1440 || scheduleCloseMinute is < 0 or > 1440)
        {
            throw new ArgumentException("Schedule minutes must be between 0 and 1440 (minutes after local midnight).");
        }

        var hash = StationPasswordHasher.Hash(password);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO stations (station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, created_at_ms)
            VALUES (@stationId, @name, @timeZone, @hash, 1, @open, @close, @now)
            ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, password_hash = excluded.password_hash,
                schedule_open_minute = excluded.schedule_open_minute, schedule_close_minute = excluded.schedule_close_minute
            """,
            new { stationId, name = name ?? stationId, timeZone, hash, open = (long)scheduleOpenMinute, close = (long)scheduleCloseMinute, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
        cache.TryRemove(stationId, out _);
    }

    /// <summary>Enables or disables a station (a disabled station cannot connect).</summary>
    public async Task SetEnabledAsync(string stationId, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE stations SET enabled = @enabled WHERE station_id = @stationId", new { stationId, enabled = enabled ? 1L : 0L }).ConfigureAwait(false);
        cache.TryRemove(stationId, out _);
    }

    /// <summary>True when the station exists, is enabled and the password matches its hash.</summary>
    public async Task<bool> VerifyAsync(string stationId, string? password, CancellationToken cancellationToken = default)
    {
        var entry = await LoadAsync(stationId, cancellationToken).ConfigureAwait(false);
        if (entry is not { } found || !found.Station.Enabled || password == null)
        {
            return false;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (verified.TryGetValue(stationId, out var known) && string.Equals(known.StoredHash, found.PasswordHash, StringComparison.Ordinal))
        {
            return CryptographicOperations.FixedTimeEquals(known.PasswordDigest, digest);
        }

        if (!StationPasswordHasher.Verify(found.PasswordHash, password))
        {
            return false;
        }

        verified[stationId] = (found.PasswordHash, digest);
        return true;
    }

    /// <summary>Drops the cached lookup after another service changed the station's row (e.g. its saved config).</summary>
    public void Forget(string stationId) => cache.TryRemove(stationId, out _);

    /// <summary>The station, or null when it is not registered.</summary>
    public async Task<StationRecord?> FindAsync(string stationId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(stationId, cancellationToken).ConfigureAwait(false))?.Station;

    /// <summary>Every registered station, by id.</summary>
    public async Task<IReadOnlyList<StationRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StationRow>("SELECT station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, config_json FROM stations ORDER BY station_id").ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    async Task<(StationRecord Station, string PasswordHash)?> LoadAsync(string stationId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(stationId, out var cached))
        {
            return cached;
        }

        if (!StationIdPattern().IsMatch(stationId))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<StationRow>("SELECT station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, config_json FROM stations WHERE station_id = @stationId", new { stationId }).ConfigureAwait(false);
        if (row == null)
        {
            return null;
        }

        var entry = (row.ToRecord(), row.PasswordHash);
        cache[stationId] = entry;
        return entry;
    }

    sealed class StationRow
    {
        public string StationId { get; set; } = "";
        public string Name { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public long Enabled { get; set; }
        public long ScheduleOpenMinute { get; set; }
        public long ScheduleCloseMinute { get; set; }
        public string? ConfigJson { get; set; }

        public StationRecord ToRecord() => new(StationId, Name, TimeZone, Enabled != 0, (int)ScheduleOpenMinute, (int)ScheduleCloseMinute, ConfigJson);
    }
}
