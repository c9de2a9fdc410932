using System.ComponentModel.DataAnnotations;

namespace Stations.Gateway.Web.Reports;

/// <summary>Configuration section <c>Web:Reports</c>: the outbox folder and the SMTP server for scheduled reports.</summary>
public sealed class ReportOptions
{
    /// <summary>Outbox folder (relative = inside the storage data folder).</summary>
    public string OutboxFolder { get; set; } = "report-outbox";

    /// <summary>SMTP server; without a <c>Host</c> reports are only written to the outbox.</summary>
    public ReportSmtpOptions Smtp { get; set; } = new();
}

/// <summary>Configuration section <c>Web:Reports:Smtp</c>.</summary>
public sealed class ReportSmtpOptions
{
    /// <summary>Server host name; empty = SMTP not configured.</summary>
    public string? Host { get; set; }

    /// <summary>Server port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Sender address.</summary>
    public string? From { get; set; }

    /// <summary>Sender display name.</summary>
    public string FromName { get; set; } = "工会驿站管理系统";

    /// <summary>User name (optional).</summary>
    public string? UserName { get; set; }

    /// <summary>Password (optional).</summary>
    public string? Password { get; set; }

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Connect and send timeout.</summary>
    [Range(1000, 600_000)]
    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>True when a host is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>What is wrong with the settings and how to fix it, or null when they are usable.</summary>
    public string? Problem()
    {
        if (!IsConfigured)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            return $"Web:Reports:Smtp:From \"{From}\" is not a mail address; set it to the sender, e.g. reports@union.example.";
        }

        if (Security is not ("None" or "StartTls" or "SslOnConnect" or "Auto"))
        {
            return $"Web:Reports:Smtp:Security \"{Security}\" is unknown; use None, StartTls, SslOnConnect or Auto.";
        }

        return Port is < 1 or > 65535 ? $"Web:Reports:Smtp:Port {Port} is out of range; use 1–65535 (25, 465, 587 ...)." : null;
    }

    /// <summary>The Ratings library's SMTP settings.</summary>
    public global::Stations.Ratings.Delivery.SmtpOptions ToSmtpOptions() => new()
    {
        Host = Host ?? "",
        Port = Port,
        From = From ?? "",
        FromName = FromName,
        UserName = string.IsNullOrEmpty(UserName) ? null : UserName,
        Password = Password,
        Security = Security,
        TimeoutMs = TimeoutMs,
    };
}
