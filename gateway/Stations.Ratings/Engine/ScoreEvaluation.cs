namespace Stations.Ratings.Engine;

/// <summary>Score, stars and caps of one set of metrics (before hysteresis and the evidence rule).</summary>
internal sealed record ScoreEvaluation(
    IReadOnlyList<ItemScore> Items,
    double Score,
    int ScoreStars,
    int ComputedStars,
    IReadOnlyList<AppliedCap> Caps);
