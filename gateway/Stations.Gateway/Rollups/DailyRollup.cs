namespace Stations.Gateway.Rollups;

/// <summary>
/// One station's day in its own time zone, computed from raw messages (docs/gateway.md, "Daily rollups").
/// The ratings engine reads these; minutes are telemetry samples × the telemetry period.
/// </summary>
/// <param name="StationId">Station id.</param>
/// <param name="LocalDate">The station-local calendar day.</param>
/// <param name="TimeZone">IANA time zone the day is cut in (default Asia/Shanghai).</param>
/// <param name="Visits">Visits counted (sum of `visit` events' `n`).</param>
/// <param name="Litres">Water dispensed (sum of `dispense` events' `l`).</param>
/// <param name="ChargingSessions">Charging sessions ended (`outlet.stop` events).</param>
/// <param name="ChargingWh">Energy delivered by those sessions (sum of `wh`).</param>
/// <param name="OpenMinutes">Minutes the station counted as open (telemetry `open`).</param>
/// <param name="ScheduledMinutes">Minutes the schedule says it should be open.</param>
/// <param name="OpenInScheduleMinutes">Open minutes that fall inside the schedule (adherence = this / ScheduledMinutes).</param>
/// <param name="OpenedOnTime">Open within the grace period after the scheduled opening; null for a 24-hour schedule.</param>
/// <param name="DispenserAvailableMinutes">Scheduled minutes with every dispenser `ok`.</param>
/// <param name="OutletsAvailableMinutes">Scheduled minutes with every outlet `idle` or `on`.</param>
/// <param name="ClimateAvailableMinutes">Scheduled minutes with every climate probe reporting.</param>
/// <param name="ExpectedDeviceMinutes">Scheduled minutes (the denominator of the three availabilities).</param>
/// <param name="ComfortMinutes">Open minutes with mean indoor temperature inside the seasonal band.</param>
/// <param name="HotMinutes">Open minutes above 32 °C (configurable).</param>
/// <param name="ColdMinutes">Open minutes below 10 °C (configurable).</param>
/// <param name="TelemetryReceived">Telemetry messages received for the day.</param>
/// <param name="TelemetryExpected">Telemetry messages expected (1,440 min / period).</param>
/// <param name="SafetyTrips">`safety.trip` events.</param>
public sealed record DailyRollup(
    string StationId,
    DateOnly LocalDate,
    string TimeZone,
    long Visits,
    double Litres,
    long ChargingSessions,
    double ChargingWh,
    double OpenMinutes,
    double ScheduledMinutes,
    double OpenInScheduleMinutes,
    bool? OpenedOnTime,
    double DispenserAvailableMinutes,
    double OutletsAvailableMinutes,
    double ClimateAvailableMinutes,
    double ExpectedDeviceMinutes,
    double ComfortMinutes,
    double HotMinutes,
    double ColdMinutes,
    long TelemetryReceived,
    long TelemetryExpected,
    long SafetyTrips)
{
    /// <summary>Received / expected telemetry, 0 … 1.</summary>
    public double TelemetryCompleteness => TelemetryExpected == 0 ? 0 : Math.Min(1, (double)TelemetryReceived / TelemetryExpected);
}
