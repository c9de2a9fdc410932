using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;

namespace Stations.Gateway.Ratings;

/// <summary>What one rating run of a month did: how many stations, and how many got each awarded star.</summary>
public sealed record RatingRunSummary
{
    /// <summary>The month rated.</summary>
    public required RatingPeriod Period { get; init; }

    /// <summary>Stations rated and stored.</summary>
    public required int Stations { get; init; }

    /// <summary>Stations not stored: never rated before and too little telemetry this month to rate (no star to keep).</summary>
    public int NotRated { get; init; }

    /// <summary>Stations promoted against the previous month.</summary>
    public int Promoted { get; init; }

    /// <summary>Stations demoted against the previous month.</summary>
    public int Demoted { get; init; }

    /// <summary>Stations awarded 0 stars (整改 under rectification).</summary>
    public int UnderRectification { get; init; }

    /// <summary>Stations whose previous star was kept for lack of evidence (证据不足).</summary>
    public int EvidenceInsufficient { get; init; }

    /// <summary>Counts a run's ratings.</summary>
    public static RatingRunSummary Of(RatingPeriod period, IReadOnlyCollection<RatingResult> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return new RatingRunSummary
        {
            Period = period,
            Stations = ratings.Count,
            Promoted = ratings.Count(r => r.Movement == StarMovement.Promoted),
            Demoted = ratings.Count(r => r.Movement == StarMovement.Demoted),
            UnderRectification = ratings.Count(r => r.AwardedStars == 0),
            EvidenceInsufficient = ratings.Count(r => r.Status == RatingStatus.EvidenceInsufficient),
        };
    }
}
