using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Stations.Ratings.Delivery;

/// <summary>Sends mail over SMTP with MailKit.</summary>
public sealed class SmtpMailSender : IMailSender
{
    private readonly SmtpOptions options;

    /// <summary>Creates the sender for a server.</summary>
    public SmtpMailSender(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var security = options.Security switch
        {
            "None" => SecureSocketOptions.None,
            "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            "Auto" => SecureSocketOptions.StartTlsWhenAvailable,
            _ => throw new InvalidOperationException($"Smtp Security '{options.Security}' is unknown; use None, StartTls, SslOnConnect or Auto."),
        };
        using var client = new SmtpClient { Timeout = options.TimeoutMs };
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }
}
