namespace Stations.Gateway.Ratings;

/// <summary>A station's profile attributes that telemetry cannot see (table <c>station_profiles</c>), as an administrator set them.</summary>
public sealed class StationProfileAttributes
{
    /// <summary>Station identifier.</summary>
    public string StationId { get; set; } = "";

    /// <summary>Floor area, m².</summary>
    public double AreaSquareMetres { get; set; }

    /// <summary>Seats (room for this many people to rest).</summary>
    public long Seats { get; set; }

    /// <summary>1 when an AED is on site (stored as a number on both databases).</summary>
    public long HasAed { get; set; }

    /// <summary>Comma-separated service codes (see <see cref="Stations.Ratings.Inputs.StationServices"/>).</summary>
    public string Services { get; set; } = "";

    /// <summary>Who saved it last.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When, UTC ms.</summary>
    public long UpdatedAtMs { get; set; }

    /// <summary>The service codes as a list.</summary>
    public IReadOnlyList<string> ServiceCodes => Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
