using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Engine;

/// <summary>A hard cap or profile gate whose condition held in this rating.</summary>
public sealed record AppliedCap
{
    /// <summary>Cap id from the rubric, or <c>profileGate{N}</c> for a facility gate.</summary>
    public required string Id { get; init; }

    /// <summary>Highest star allowed by it.</summary>
    public required int MaxStars { get; init; }

    /// <summary>True when it actually lowered the star (the score alone would have earned more).</summary>
    public required bool Binding { get; init; }

    /// <summary>The metric tested (null for a profile gate).</summary>
    public string? Metric { get; init; }

    /// <summary>The metric value (null for a profile gate).</summary>
    public double? Value { get; init; }

    /// <summary>The cap's threshold (null for a profile gate).</summary>
    public double? Below { get; init; }

    /// <summary>Reason from the rubric (empty names for a profile gate: see <see cref="Shortfalls"/>).</summary>
    public required LocalizedText Reason { get; init; }

    /// <summary>For a profile gate: what the station lacks.</summary>
    public IReadOnlyList<ProfileShortfall> Shortfalls { get; init; } = [];
}
