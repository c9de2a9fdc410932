namespace Stations.Ratings.Rubrics;

/// <summary>The minimum score for a star level.</summary>
public sealed record StarThreshold(int Stars, double MinScore);
