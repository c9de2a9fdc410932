using Stations.Ratings.Inputs;

namespace Stations.Ratings.Reports;

/// <summary>A node of the union region tree (province → city → district); empty parts mean "all".</summary>
public sealed record RegionScope
{
    /// <summary>Province (empty = the whole country).</summary>
    public string Province { get; init; } = "";

    /// <summary>City (empty = the whole province).</summary>
    public string City { get; init; } = "";

    /// <summary>District (empty = the whole city).</summary>
    public string District { get; init; } = "";

    /// <summary>The whole tree.</summary>
    public static RegionScope All { get; } = new();

    /// <summary>Whether a station belongs to this region.</summary>
    public bool Contains(StationProfile station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return Matches(Province, station.Province) && Matches(City, station.City) && Matches(District, station.District);
    }

    /// <summary>"福建省 福州市 鼓楼区", or the given text for the whole tree.</summary>
    public string DisplayName(string all)
    {
        var parts = new[] { Province, City, District }.Where(p => p.Length > 0).ToArray();
        return parts.Length == 0 ? all : string.Join(" ", parts);
    }

    private static bool Matches(string scope, string value) => scope.Length == 0 || string.Equals(scope, value, StringComparison.Ordinal);
}
