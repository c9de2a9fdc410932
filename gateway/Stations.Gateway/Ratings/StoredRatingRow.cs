namespace Stations.Gateway.Ratings;

/// <summary>One row of <c>station_ratings</c>: the key columns of a stored rating and the whole rating as JSON.</summary>
public sealed class StoredRatingRow
{
    /// <summary>Station identifier.</summary>
    public string StationId { get; set; } = "";

    /// <summary>First day of the rated month, yyyy-MM-dd.</summary>
    public string PeriodFrom { get; set; } = "";

    /// <summary>Last day of the rated month, yyyy-MM-dd.</summary>
    public string PeriodTo { get; set; } = "";

    /// <summary>Rubric id used.</summary>
    public string RubricId { get; set; } = "";

    /// <summary>Rubric version used.</summary>
    public string RubricVersion { get; set; } = "";

    /// <summary>SHA-256 of the rubric file used.</summary>
    public string RubricSha256 { get; set; } = "";

    /// <summary>Score 0..100.</summary>
    public double Score { get; set; }

    /// <summary>Stars by score alone.</summary>
    public long ScoreStars { get; set; }

    /// <summary>Stars after caps and gates, before hysteresis.</summary>
    public long ComputedStars { get; set; }

    /// <summary>Stars awarded (0 = 整改, null = not rated: too little evidence and no earlier star).</summary>
    public long? AwardedStars { get; set; }

    /// <summary>Rating status (Rated, PromotionPending, EvidenceInsufficient).</summary>
    public string Status { get; set; } = "";

    /// <summary>Movement against the previous month (New, Promoted, Demoted, Unchanged, Unrated).</summary>
    public string Movement { get; set; } = "";

    /// <summary>1 when telemetry was complete enough to rate.</summary>
    public long EvidenceSufficient { get; set; }

    /// <summary>The whole rating (inputs, items, caps, advice) as <see cref="Stations.Ratings.Engine.RatingJson"/>.</summary>
    public string RatingJson { get; set; } = "";

    /// <summary>When it was rated, UTC ms.</summary>
    public long RatedAtMs { get; set; }
}
