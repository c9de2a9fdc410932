namespace Stations.Ratings.Engine;

/// <summary>Plain totals of a station's period, for reports (the metrics hold the ratios that are scored).</summary>
public sealed record StationTotals
{
    /// <summary>Days in the period with a rollup.</summary>
    public int DaysWithData { get; init; }

    /// <summary>Days scheduled to open.</summary>
    public int ScheduledDays { get; init; }

    /// <summary>Scheduled minutes.</summary>
    public long ScheduledMinutes { get; init; }

    /// <summary>Open minutes within schedule.</summary>
    public long OpenMinutesWithinSchedule { get; init; }

    /// <summary>Visits.</summary>
    public long Visits { get; init; }

    /// <summary>Water dispensed, litres.</summary>
    public double Litres { get; init; }

    /// <summary>Charging sessions.</summary>
    public long ChargingSessions { get; init; }

    /// <summary>Charging energy, watt-hours.</summary>
    public double EnergyWh { get; init; }

    /// <summary>Heat-wave days.</summary>
    public int HeatWaveDays { get; init; }

    /// <summary>Alarms raised.</summary>
    public int Alarms { get; init; }

    /// <summary>Alarms still open at the end of the period.</summary>
    public int OpenAlarms { get; init; }

    /// <summary>Outlet safety trips.</summary>
    public int SafetyTrips { get; init; }
}
