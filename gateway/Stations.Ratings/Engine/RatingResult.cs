using Stations.Ratings.Inputs;

namespace Stations.Ratings.Engine;

/// <summary>A station's explained star rating for a period, with the rubric version and inputs that produced it.</summary>
public sealed record RatingResult
{
    /// <summary>Station identifier.</summary>
    public required string StationId { get; init; }

    /// <summary>The rated period.</summary>
    public required RatingPeriod Period { get; init; }

    /// <summary>Rubric id used.</summary>
    public required string RubricId { get; init; }

    /// <summary>Rubric version used.</summary>
    public required string RubricVersion { get; init; }

    /// <summary>SHA-256 of the rubric file used.</summary>
    public required string RubricSha256 { get; init; }

    /// <summary>Total score, 0..MaxScore.</summary>
    public required double Score { get; init; }

    /// <summary>Total points possible.</summary>
    public required double MaxScore { get; init; }

    /// <summary>Stars by score alone (thresholds, no caps).</summary>
    public required int ScoreStars { get; init; }

    /// <summary>Stars the data earned after caps and profile gates (0 = 整改).</summary>
    public required int ComputedStars { get; init; }

    /// <summary>Stars awarded after hysteresis and the evidence rule (0 = 整改, null = not rated yet).</summary>
    public required int? AwardedStars { get; init; }

    /// <summary>How the awarded star came about.</summary>
    public required RatingStatus Status { get; init; }

    /// <summary>Whether telemetry was complete enough to rate.</summary>
    public required bool EvidenceSufficient { get; init; }

    /// <summary>Movement against the previous period.</summary>
    public required StarMovement Movement { get; init; }

    /// <summary>Previous period's awarded stars, if any.</summary>
    public int? PreviousAwardedStars { get; init; }

    /// <summary>Score change against the previous period, if any.</summary>
    public double? ScoreChange { get; init; }

    /// <summary>Per-item scores in rubric order.</summary>
    public required IReadOnlyList<ItemScore> Items { get; init; }

    /// <summary>Caps and profile gates whose condition held.</summary>
    public required IReadOnlyList<AppliedCap> Caps { get; init; }

    /// <summary>What would earn the next star (null at 5 stars).</summary>
    public NextStarAdvice? Advice { get; init; }

    /// <summary>What the rating was computed from.</summary>
    public required RatingInputs Inputs { get; init; }

    /// <summary>The entry the next period's rating needs for hysteresis and trend.</summary>
    public PreviousRating ToPreviousRating() => new()
    {
        Period = Period,
        Score = Score,
        AwardedStars = AwardedStars,
        ComputedStars = ComputedStars,
        EvidenceSufficient = EvidenceSufficient,
    };
}
