namespace Stations.Ratings.Delivery;

/// <summary>The visible status record of one report mail in the outbox: what, to whom, attempts, last error, next try.</summary>
public sealed record ReportDelivery
{
    /// <summary>Delivery id, also its outbox folder name.</summary>
    public required string Id { get; init; }
    /// <summary>Schedule that produced it (or "manual").</summary>
    public required string ScheduleId { get; init; }
    /// <summary>Recipients.</summary>
    public required IReadOnlyList<string> Recipients { get; init; }
    /// <summary>Mail subject.</summary>
    public required string Subject { get; init; }
    /// <summary>Mail body (plain text).</summary>
    public required string Body { get; init; }
    /// <summary>Attachment file names in the delivery's folder.</summary>
    public required IReadOnlyList<string> Attachments { get; init; }
    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Status.</summary>
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Pending;
    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; init; }
    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }
    /// <summary>Error of the last failed attempt.</summary>
    public string? LastError { get; init; }
    /// <summary>When the server accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }
}
