namespace Stations.Ratings.Engine;

/// <summary>One way to reach the next star by changing a single item: "adherence 91.2% → 95% gives +2.5 points → 4 stars".</summary>
public sealed record AdviceOption
{
    /// <summary>The rubric item to improve.</summary>
    public required string ItemId { get; init; }

    /// <summary>Its metric.</summary>
    public required string Metric { get; init; }

    /// <summary>The metric now.</summary>
    public required double CurrentValue { get; init; }

    /// <summary>The metric value that is enough (rounded towards better, verified by re-scoring).</summary>
    public required double TargetValue { get; init; }

    /// <summary>Score gain at the target value.</summary>
    public required double PointsGain { get; init; }

    /// <summary>Score at the target value.</summary>
    public required double ResultingScore { get; init; }

    /// <summary>Stars the data would earn at the target value (after caps).</summary>
    public required int ResultingStars { get; init; }

    /// <summary>True when this change alone reaches the next star.</summary>
    public required bool ReachesTarget { get; init; }

    /// <summary>Caps or profile gates that would still hold the star down (empty when <see cref="ReachesTarget"/>).</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];
}
