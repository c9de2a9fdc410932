using MimeKit;

namespace Stations.Ratings.Delivery;

/// <summary>Sends one mail message; throws when the server cannot take it.</summary>
public interface IMailSender
{
    /// <summary>Sends the message.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
