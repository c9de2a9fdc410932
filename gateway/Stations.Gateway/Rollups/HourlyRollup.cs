namespace Stations.Gateway.Rollups;

/// <summary>One station-local hour (same definitions as <see cref="DailyRollup"/>).</summary>
public sealed record HourlyRollup(
    string StationId,
    DateOnly LocalDate,
    int Hour,
    long Visits,
    double Litres,
    long ChargingSessions,
    double ChargingWh,
    double OpenMinutes,
    double ScheduledMinutes,
    double ComfortMinutes,
    double HotMinutes,
    double ColdMinutes,
    long TelemetryReceived,
    long TelemetryExpected,
    long SafetyTrips);
