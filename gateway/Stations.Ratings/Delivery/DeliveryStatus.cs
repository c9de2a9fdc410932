namespace Stations.Ratings.Delivery;

/// <summary>Where a report mail stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not sent yet (new, or the last attempt failed and a retry is planned).</summary>
    Pending,

    /// <summary>Accepted by the mail server.</summary>
    Sent,
}
