namespace Stations.Ratings.Engine;

/// <summary>A facility requirement the station profile does not meet (e.g. area 22 m² where 30 m² is needed).</summary>
public sealed record ProfileShortfall
{
    /// <summary>The star level that needs it.</summary>
    public required int Stars { get; init; }

    /// <summary>Which requirement: <c>areaSquareMetres</c>, <c>seats</c>, <c>aed</c> or <c>specialServices</c>.</summary>
    public required string Requirement { get; init; }

    /// <summary>Required minimum (1 for the AED).</summary>
    public required double Required { get; init; }

    /// <summary>What the profile has.</summary>
    public required double Actual { get; init; }
}
