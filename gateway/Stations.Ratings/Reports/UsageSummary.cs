namespace Stations.Ratings.Reports;

/// <summary>Totals and averages over a union office's stations for a period.</summary>
public sealed record UsageSummary
{
    /// <summary>Stations in the region.</summary>
    public int Stations { get; init; }
    /// <summary>Stations with an awarded star.</summary>
    public int RatedStations { get; init; }
    /// <summary>Visits.</summary>
    public long Visits { get; init; }
    /// <summary>Water, litres.</summary>
    public double Litres { get; init; }
    /// <summary>Charging sessions.</summary>
    public long ChargingSessions { get; init; }
    /// <summary>Charging energy, kWh.</summary>
    public double EnergyKwh { get; init; }
    /// <summary>Open minutes within schedule over scheduled minutes of all stations, %.</summary>
    public double? AdherencePercent { get; init; }
    /// <summary>Mean of station dispenser availability, %.</summary>
    public double? DispenserPercent { get; init; }
    /// <summary>Mean of station outlet availability, %.</summary>
    public double? OutletPercent { get; init; }
    /// <summary>Mean of station climate availability, %.</summary>
    public double? ClimatePercent { get; init; }
    /// <summary>Mean of station comfort share, %.</summary>
    public double? ComfortPercent { get; init; }
    /// <summary>Median over stations of median minutes to acknowledge.</summary>
    public double? AckMinutes { get; init; }
    /// <summary>Median over stations of median minutes to repair.</summary>
    public double? RepairMinutes { get; init; }
    /// <summary>Safety trips.</summary>
    public long SafetyTrips { get; init; }
    /// <summary>Mean score.</summary>
    public double? AverageScore { get; init; }
    /// <summary>Stations per awarded star: index 0 = 整改 .. 5; unrated not included.</summary>
    public required IReadOnlyList<int> StarDistribution { get; init; }
    /// <summary>Stations without a star.</summary>
    public int Unrated { get; init; }
    /// <summary>Stations promoted.</summary>
    public int Promoted { get; init; }
    /// <summary>Stations demoted.</summary>
    public int Demoted { get; init; }
    /// <summary>Stations at 0 stars (整改).</summary>
    public int UnderRectification { get; init; }
    /// <summary>Stations whose evidence was insufficient.</summary>
    public int EvidenceInsufficient { get; init; }
}
