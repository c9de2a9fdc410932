namespace Stations.Ratings.Rubrics;

/// <summary>A hard cap: when <see cref="Metric"/> is below <see cref="Below"/>, the star cannot exceed <see cref="MaxStars"/>.</summary>
public sealed record HardCap
{
    /// <summary>Cap id, unique in the rubric (e.g. <c>adherenceBelow80</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The metric tested (one of <see cref="MetricIds"/>).</summary>
    public required string Metric { get; init; }

    /// <summary>The cap applies when the metric value is strictly below this.</summary>
    public required double Below { get; init; }

    /// <summary>Highest star allowed while the cap applies (0..4).</summary>
    public required int MaxStars { get; init; }

    /// <summary>Why, for people (e.g. 开放时间达标率低于80%).</summary>
    public required LocalizedText Reason { get; init; }
}
