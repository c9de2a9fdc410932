namespace Stations.Ratings.Inputs;

/// <summary>What hysteresis and trends need from an earlier rating of the same station.</summary>
public sealed record PreviousRating
{
    /// <summary>The earlier period.</summary>
    public required RatingPeriod Period { get; init; }

    /// <summary>Score of that period (0..100).</summary>
    public double Score { get; init; }

    /// <summary>Stars awarded then (0 = 整改 under rectification; null = never rated).</summary>
    public int? AwardedStars { get; init; }

    /// <summary>Stars the data alone earned then, after caps, before hysteresis.</summary>
    public int ComputedStars { get; init; }

    /// <summary>Whether that period had enough telemetry to count (see the evidence rule).</summary>
    public bool EvidenceSufficient { get; init; }
}
