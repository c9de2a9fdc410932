using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;

namespace Stations.Gateway.Web.Auth;

/// <summary>
/// Users, their passwords (Identity's PasswordHasher), lockout, enable/disable, manager station assignments and API
/// tokens. Input errors are <see cref="ArgumentException"/>s in the request's UI language.
/// </summary>
public sealed class UserStore(StationDatabase database, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>Failed sign-ins that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    const string Columns = "user_id, user_name, display_name, role, region_id, password_hash, failed_count, lockout_until_ms, enabled, session_stamp";
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
        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 64)
        {
            throw new ArgumentException(l["User_NameRequired"]);
        }

        ValidateRole(role, regionId);
        ValidatePassword(password);
        if (await FindByNameAsync(userName.Trim(), cancellationToken).ConfigureAwait(false) != null)
        {
            throw new ArgumentException(l["User_NameTaken", userName.Trim()]);
        }

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

    /// <summary>Replaces a user's password (an administrator's reset), clears any lockout and ends the user's sessions.</summary>
    public async Task SetPasswordAsync(long userId, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        var user = await FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoUser"]);
        var hash = hasher.HashPassword(user, password);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @hash, failed_count = 0, lockout_until_ms = 0, session_stamp = session_stamp + 1 WHERE user_id = @userId",
            new { hash, userId }).ConfigureAwait(false);
    }

    /// <summary>A user changes their own password: the current one must match and the new one is typed twice.</summary>
    public async Task ChangeOwnPasswordAsync(long userId, string currentPassword, string newPassword, string confirmPassword, CancellationToken cancellationToken = default)
    {
        var user = await FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoUser"]);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            throw new ArgumentException(l["User_CurrentPasswordWrong"]);
        }

        if (!string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            throw new ArgumentException(l["User_PasswordMismatch"]);
        }

        await SetPasswordAsync(userId, newPassword, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes a user's display name, role and scope (a union office's region); a role or region change ends the
    /// user's sessions so the new rights apply at once. A manager's stations are set with <see cref="AssignStationsAsync"/>.
    /// </summary>
    public async Task UpdateAsync(long userId, string displayName, string role, long? regionId, CancellationToken cancellationToken = default)
    {
        var user = await FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoUser"]);
        ValidateRole(role, regionId);
        var region = role == WebRoles.UnionOffice ? regionId : null;
        var name = string.IsNullOrWhiteSpace(displayName) ? user.UserName : displayName.Trim();
        var bump = user.Role != role || user.RegionId != region ? 1 : 0;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE users SET display_name = @name, role = @role, region_id = @region, session_stamp = session_stamp + @bump WHERE user_id = @userId",
            new { name, role, region, bump, userId }).ConfigureAwait(false);
        if (role != WebRoles.StationManager)
        {
            await connection.ExecuteAsync("DELETE FROM user_stations WHERE user_id = @userId", new { userId }).ConfigureAwait(false);
        }
    }

    /// <summary>Enables or disables a user; disabling ends their sessions and their API tokens stop working.</summary>
    public async Task SetEnabledAsync(long userId, bool enabled, CancellationToken cancellationToken = default)
    {
        _ = await FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoUser"]);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE users SET enabled = @enabled, failed_count = 0, lockout_until_ms = 0, session_stamp = session_stamp + 1 WHERE user_id = @userId",
            new { enabled = enabled ? 1 : 0, userId }).ConfigureAwait(false);
    }

    /// <summary>True while a session issued with <paramref name="sessionStamp"/> may still be used: the user exists, is enabled and nothing was changed since.</summary>
    public async Task<bool> IsSessionCurrentAsync(long userId, long sessionStamp, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM users WHERE user_id = @userId AND enabled = 1 AND session_stamp = @sessionStamp",
            new { userId, sessionStamp }).ConfigureAwait(false) == 1;
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

    void ValidateRole(string role, long? regionId)
    {
        if (!WebRoles.IsKnown(role))
        {
            throw new ArgumentException(l["User_RoleUnknown", role ?? "", string.Join(", ", WebRoles.All)]);
        }

        if (role == WebRoles.UnionOffice && regionId == null)
        {
            throw new ArgumentException(l["User_UnionNeedsRegion"]);
        }
    }

    void ValidatePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            throw new ArgumentException(l["User_PasswordShort"]);
        }
    }
}
