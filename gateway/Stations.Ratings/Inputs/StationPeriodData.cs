namespace Stations.Ratings.Inputs;

/// <summary>Everything needed to rate one station for one period: profile, daily rollups, faults and rating history.</summary>
public sealed record StationPeriodData
{
    /// <summary>The station's static profile.</summary>
    public required StationProfile Profile { get; init; }

    /// <summary>The rated period.</summary>
    public required RatingPeriod Period { get; init; }

    /// <summary>Daily rollups of the station for days in the period (missing days count as no telemetry).</summary>
    public IReadOnlyList<DailyRollup> Days { get; init; } = [];

    /// <summary>Alarms raised in the period.</summary>
    public IReadOnlyList<AlarmRecord> Alarms { get; init; } = [];

    /// <summary>Outlet safety trips in the period.</summary>
    public IReadOnlyList<SafetyTripRecord> SafetyTrips { get; init; } = [];

    /// <summary>Earlier ratings of this station, most recent first (for hysteresis and trend).</summary>
    public IReadOnlyList<PreviousRating> History { get; init; } = [];

    /// <summary>The instant open alarms are measured to (end of the period, or now if the period is still running).</summary>
    public required DateTimeOffset AsOf { get; init; }
}
