namespace Stations.Ratings.Rubrics;

/// <summary>Facilities a station needs to hold <see cref="Stars"/> stars or more; unmet, the star is capped one below.</summary>
public sealed record ProfileGate
{
    /// <summary>The star level gated.</summary>
    public required int Stars { get; init; }

    /// <summary>Minimum floor area, m² (0 = no requirement).</summary>
    public double MinAreaSquareMetres { get; init; }

    /// <summary>Minimum seats (0 = no requirement).</summary>
    public int MinSeats { get; init; }

    /// <summary>Whether an AED is required.</summary>
    public bool RequiresAed { get; init; }

    /// <summary>Minimum number of special services (0 = no requirement).</summary>
    public int MinSpecialServices { get; init; }
}
