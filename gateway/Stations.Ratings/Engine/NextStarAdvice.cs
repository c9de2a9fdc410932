namespace Stations.Ratings.Engine;

/// <summary>What would earn the next star: the smallest single-item changes, and caps or facilities in the way.</summary>
public sealed record NextStarAdvice
{
    /// <summary>The next star level.</summary>
    public required int TargetStars { get; init; }

    /// <summary>Its minimum score.</summary>
    public required double TargetMinScore { get; init; }

    /// <summary>Points still missing (0 when only a cap blocks).</summary>
    public required double PointsNeeded { get; init; }

    /// <summary>Single-item changes, those that reach the star first, smallest change first.</summary>
    public IReadOnlyList<AdviceOption> Options { get; init; } = [];

    /// <summary>Facilities the station lacks for the target star (the profile, not telemetry, must change).</summary>
    public IReadOnlyList<ProfileShortfall> ProfileShortfalls { get; init; } = [];

    /// <summary>Hard caps that block the target star whatever the score.</summary>
    public IReadOnlyList<string> BlockingCaps { get; init; } = [];
}
