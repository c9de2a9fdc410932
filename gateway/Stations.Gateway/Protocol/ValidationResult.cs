namespace Stations.Gateway.Protocol;

/// <summary>Either a valid message or a dead-letter reason (with boot/seq when the envelope itself was valid).</summary>
public sealed record ValidationResult(ValidatedMessage? Message, string? Reason, string? StationId, string? Boot, long? Seq)
{
    /// <summary>True when the message may be stored.</summary>
    public bool IsValid => Message != null;

    /// <summary>A valid message.</summary>
    public static ValidationResult Valid(ValidatedMessage message) => new(message, null, message.StationId, message.Boot, message.Seq);

    /// <summary>A rejected message.</summary>
    public static ValidationResult Invalid(string reason, string? stationId, string? boot = null, long? seq = null) => new(null, reason, stationId, boot, seq);
}
