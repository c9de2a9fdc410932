namespace Stations.Gateway.Web.Auth;

/// <summary>A person who signs in to the web UI or API: role, region (union office) and lockout state.</summary>
public sealed class WebUser
{
    /// <summary>User id.</summary>
    public long UserId { get; set; }

    /// <summary>Sign-in name (unique).</summary>
    public string UserName { get; set; } = "";

    /// <summary>Name shown in the header and the audit log.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>One of <see cref="WebRoles.All"/>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Region whose subtree a union office sees; null for other roles.</summary>
    public long? RegionId { get; set; }

    /// <summary>ASP.NET Core Identity password hash.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Failed sign-ins since the last success.</summary>
    public long FailedCount { get; set; }

    /// <summary>Locked out until this UTC ms (0 = not locked).</summary>
    public long LockoutUntilMs { get; set; }

    /// <summary>1 when the account may sign in.</summary>
    public long Enabled { get; set; }

    /// <summary>Bumped whenever the account is disabled, its role or scope changes or its password changes; a session carrying an older value is ended.</summary>
    public long SessionStamp { get; set; }
}
