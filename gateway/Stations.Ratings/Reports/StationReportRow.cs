namespace Stations.Ratings.Reports;

/// <summary>One station's line in a union report; percentages are 0..100 numbers, null where the station has no such data.</summary>
public sealed record StationReportRow
{
    /// <summary>Station identifier.</summary>
    public required string StationId { get; init; }
    /// <summary>Station name.</summary>
    public required string Name { get; init; }
    /// <summary>Province.</summary>
    public required string Province { get; init; }
    /// <summary>City.</summary>
    public required string City { get; init; }
    /// <summary>District.</summary>
    public required string District { get; init; }
    /// <summary>Visits.</summary>
    public long Visits { get; init; }
    /// <summary>Water, litres.</summary>
    public double Litres { get; init; }
    /// <summary>Charging sessions.</summary>
    public long ChargingSessions { get; init; }
    /// <summary>Charging energy, kWh.</summary>
    public double EnergyKwh { get; init; }
    /// <summary>Opening-hours adherence, %.</summary>
    public double? AdherencePercent { get; init; }
    /// <summary>On-time opening, %.</summary>
    public double? OnTimePercent { get; init; }
    /// <summary>Dispenser availability, %.</summary>
    public double? DispenserPercent { get; init; }
    /// <summary>Outlet availability, %.</summary>
    public double? OutletPercent { get; init; }
    /// <summary>Climate equipment availability, %.</summary>
    public double? ClimatePercent { get; init; }
    /// <summary>Telemetry completeness, %.</summary>
    public double? TelemetryPercent { get; init; }
    /// <summary>Occupied time in the comfort band, %.</summary>
    public double? ComfortPercent { get; init; }
    /// <summary>Median minutes to acknowledge alarms.</summary>
    public double? AckMinutes { get; init; }
    /// <summary>Median minutes to repair.</summary>
    public double? RepairMinutes { get; init; }
    /// <summary>Safety trips.</summary>
    public int SafetyTrips { get; init; }
    /// <summary>Score, 0..100.</summary>
    public double Score { get; init; }
    /// <summary>Stars awarded (0 = 整改, null = unrated).</summary>
    public int? Stars { get; init; }
    /// <summary>Previous stars.</summary>
    public int? PreviousStars { get; init; }
    /// <summary>Score change against the previous period.</summary>
    public double? ScoreChange { get; init; }
    /// <summary>Movement label.</summary>
    public required string Movement { get; init; }
    /// <summary>Status label.</summary>
    public required string Status { get; init; }
    /// <summary>Caps that held the star down.</summary>
    public required string Caps { get; init; }
    /// <summary>Next-star advice.</summary>
    public required string Advice { get; init; }
}
