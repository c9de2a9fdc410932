namespace Stations.Ratings.Delivery;

/// <summary>How to reach the mail server.</summary>
public sealed record SmtpOptions
{
    /// <summary>Server host name.</summary>
    public required string Host { get; init; }

    /// <summary>Server port (25, 465, 587 ...).</summary>
    public int Port { get; init; } = 25;

    /// <summary>Sender address, e.g. reports@union.example.</summary>
    public required string From { get; init; }

    /// <summary>Sender display name.</summary>
    public string FromName { get; init; } = "工会驿站管理系统";

    /// <summary>User name, or null for no authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>Password.</summary>
    public string? Password { get; init; }

    /// <summary>TLS mode: <c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c>.</summary>
    public string Security { get; init; } = "Auto";

    /// <summary>Connect and send timeout.</summary>
    public int TimeoutMs { get; init; } = 30_000;
}
