namespace Stations.Ratings.Rubrics;

/// <summary>One corner of an item's piecewise-linear scoring curve: at this metric value the item gives these points.</summary>
public sealed record Breakpoint(double Value, double Points);
