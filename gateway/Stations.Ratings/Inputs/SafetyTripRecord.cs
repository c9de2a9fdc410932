namespace Stations.Ratings.Inputs;

/// <summary>One outlet safety trip in the rated period and whether a manager followed it up within 24 hours.</summary>
public sealed record SafetyTripRecord
{
    /// <summary>Station identifier.</summary>
    public required string StationId { get; init; }

    /// <summary>When the trip happened (UTC).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>True when the trip was acknowledged/reset with a follow-up note within 24 h.</summary>
    public bool FollowedUpWithin24Hours { get; init; }
}
