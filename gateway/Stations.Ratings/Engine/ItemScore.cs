namespace Stations.Ratings.Engine;

/// <summary>How one rubric item scored: raw value, the curve band it fell in, and points.</summary>
public sealed record ItemScore
{
    /// <summary>Rubric item id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Rubric group id.</summary>
    public required string GroupId { get; init; }

    /// <summary>The metric scored.</summary>
    public required string Metric { get; init; }

    /// <summary>Raw metric value; null = no data (scored as the rubric's whenNoData says).</summary>
    public double? Value { get; init; }

    /// <summary>Lower end of the breakpoint band the value fell in (null = open end or no data).</summary>
    public double? BandFrom { get; init; }

    /// <summary>Upper end of the breakpoint band (null = open end or no data).</summary>
    public double? BandTo { get; init; }

    /// <summary>Points earned.</summary>
    public required double Points { get; init; }

    /// <summary>Points possible.</summary>
    public required double MaxPoints { get; init; }
}
