using MimeKit;

namespace Stations.Ratings.Delivery;

/// <summary>Mails pending outbox deliveries, retrying failures with exponential backoff (never giving up, never losing one).</summary>
public sealed class ReportMailer
{
    /// <summary>First retry delay; doubles per failed attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>Longest retry delay.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private readonly ReportOutbox outbox;
    private readonly IMailSender sender;
    private readonly SmtpOptions smtp;
    private readonly TimeProvider time;

    /// <summary>Creates the mailer.</summary>
    public ReportMailer(ReportOutbox outbox, IMailSender sender, SmtpOptions smtp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(time);
        this.outbox = outbox;
        this.sender = sender;
        this.smtp = smtp;
        this.time = time;
    }

    /// <summary>Delay before the next attempt after <paramref name="failedAttempts"/> failures.</summary>
    public static TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(failedAttempts - 1, 0, 20)));

    /// <summary>Tries every pending delivery that is due; returns the records after this pass.</summary>
    public async Task<IReadOnlyList<ReportDelivery>> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ReportDelivery>();
        foreach (var d in outbox.List())
        {
            var now = time.GetUtcNow();
            if (d.Status != DeliveryStatus.Pending || d.NextAttemptAt > now)
            {
                result.Add(d);
                continue;
            }

            ReportDelivery updated;
            try
            {
                using var message = Compose(d);
                await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
                updated = d with { Status = DeliveryStatus.Sent, Attempts = d.Attempts + 1, SentAt = time.GetUtcNow(), LastError = null };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = d.Attempts + 1;
                updated = d with { Attempts = attempts, LastError = e.GetType().Name + ": " + e.Message, NextAttemptAt = now + RetryDelay(attempts) };
            }

            outbox.Update(updated);
            result.Add(updated);
        }

        return result;
    }

    private MimeMessage Compose(ReportDelivery d)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        foreach (var r in d.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(r));
        }

        message.Subject = d.Subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        var body = new BodyBuilder { TextBody = d.Body };
        foreach (var name in d.Attachments)
        {
            body.Attachments.Add(name, File.ReadAllBytes(outbox.AttachmentPath(d, name)));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
