using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Web.Auth;

/// <summary>Users, their passwords (Identity's PasswordHasher), lockout, manager station assignments and API tokens.</summary>
public sealed class UserStore(StationDatabase database, TimeProvider time)
{
    /// <summary>Failed sign-ins that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    const string Columns = "user_id, user_name, display_name, role, region_id, password_hash, failed_count, lockout_until_ms, enabled";
    readonly PasswordHasher<WebUser> hasher = new();

    /// <summary>The user called <paramref name="userName"/>, or null.</summary>
    public async Task<WebUser?> FindByNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<WebUser>($"SELECT {Columns} FROM users WHERE user_name = @userName", new { userName }).ConfigureAwait(false);
    }

    /// <summary>The user with <paramref name="userId"/>, or null.</summary>
    public async Task<WebUser?> FindByIdAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<WebUser>($"SELECT {Columns} FROM users WHERE user_id = @userId", new { userId }).ConfigureAwait(false);
    }

    /// <summary>Every user, by name.</summary>
    public async Task<IReadOnlyList<WebUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<WebUser>($"SELECT {Columns} FROM users ORDER BY user_name").ConfigureAwait(false)).ToList();
    }

    /// <summary>How many users exist.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users").ConfigureAwait(false);
    }

    /// <summary>Creates a user; throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public async Task<long> CreateAsync(string userName, string displayName, string role, long? regionId, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64)
        {
            throw new ArgumentException("User name is required (1–64 characters).", nameof(userName));
        }

        if (!WebRoles.IsKnown(role))
        {
            throw new ArgumentException($"Role '{role}' is unknown: use one of {string.Join(", ", WebRoles.All)}.", nameof(role));
        }

        if (role == WebRoles.UnionOffice && regionId == null)
        {
            throw new ArgumentException("A union office user needs a region.", nameof(regionId));
        }

        ValidatePassword(password);
        var user = new WebUser { UserName = userName.Trim(), DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(), Role = role, RegionId = role == WebRoles.UnionOffice ? regionId : null, Enabled = 1 };
        user.PasswordHash = hasher.HashPassword(user, password);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO users (user_name, display_name, role, region_id, password_hash, failed_count, lockout_until_ms, enabled, created_at_ms)
            VALUES (@UserName, @DisplayName, @Role, @RegionId, @PasswordHash, 0, 0, 1, @now) RETURNING user_id
            """,
            new { user.UserName, user.DisplayName, user.Role, user.RegionId, user.PasswordHash, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
    }

    /// <summary>Replaces a user's password and clears any lockout.</summary>
    public async Task SetPasswordAsync(long userId, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        var user = await FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException($"User {userId} does not exist.", nameof(userId));
        var hash = hasher.HashPassword(user, password);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("UPDATE users SET password_hash = @hash, failed_count = 0, lockout_until_ms = 0 WHERE user_id = @userId", new { hash, userId }).ConfigureAwait(false);
    }

    /// <summary>Checks a sign-in; counts failures and locks the account after <see cref="MaxFailedSignIns"/>.</summary>
    public async Task<(SignInOutcome Outcome, WebUser? User)> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindByNameAsync(userName?.Trim() ?? "", cancellationToken).ConfigureAwait(false);
        if (user == null)
        {
            // Hash anyway so an unknown name takes as long as a wrong password.
            _ = hasher.HashPassword(new WebUser(), password ?? "");
            return (SignInOutcome.Invalid, null);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (user.Enabled == 0)
        {
            return (SignInOutcome.Disabled, null);
        }

        if (user.LockoutUntilMs > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedCount + 1;
            var lockUntil = failed >= MaxFailedSignIns ? now + (long)LockoutDuration.TotalMilliseconds : 0;
            await connection.ExecuteAsync(
                "UPDATE users SET failed_count = @failed, lockout_until_ms = @lockUntil WHERE user_id = @UserId",
                new { failed = lockUntil > 0 ? 0 : failed, lockUntil, user.UserId }).ConfigureAwait(false);
            return (lockUntil > 0 ? SignInOutcome.LockedOut : SignInOutcome.Invalid, null);
        }

        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password!) : user.PasswordHash;
        await connection.ExecuteAsync("UPDATE users SET failed_count = 0, lockout_until_ms = 0, password_hash = @hash WHERE user_id = @UserId", new { hash, user.UserId }).ConfigureAwait(false);
        return (SignInOutcome.Success, user);
    }

    /// <summary>The stations a station manager is assigned to.</summary>
    public async Task<IReadOnlyList<string>> StationsOfAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>("SELECT station_id FROM user_stations WHERE user_id = @userId ORDER BY station_id", new { userId }).ConfigureAwait(false)).ToList();
    }

    /// <summary>Replaces a station manager's station list.</summary>
    public async Task AssignStationsAsync(long userId, IEnumerable<string> stationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM user_stations WHERE user_id = @userId", new { userId }, transaction).ConfigureAwait(false);
        foreach (var stationId in stationIds.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync("INSERT INTO user_stations (user_id, station_id) VALUES (@userId, @stationId)", new { userId, stationId }, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates an API token for the user; the token itself is returned once and only its hash is kept.</summary>
    public async Task<string> CreateApiTokenAsync(long userId, string name, CancellationToken cancellationToken = default)
    {
        var token = "st_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at_ms) VALUES (@hash, @userId, @name, @now)",
            new { hash = HashToken(token), userId, name, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
        return token;
    }

    /// <summary>The enabled user an API token belongs to, or null.</summary>
    public async Task<WebUser?> FindByApiTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<WebUser>(
            $"SELECT {Columns} FROM users WHERE enabled = 1 AND user_id = (SELECT user_id FROM api_tokens WHERE token_hash = @hash)",
            new { hash = HashToken(token) }).ConfigureAwait(false);
    }

    static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static void ValidatePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            throw new ArgumentException("The password needs at least 10 characters.", nameof(password));
        }
    }
}
