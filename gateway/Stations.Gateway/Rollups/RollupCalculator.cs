using System.Text.Json;
using Stations.Gateway.Stations;

namespace Stations.Gateway.Rollups;

/// <summary>Computes a station-day and its 24 hours from the day's raw messages (pure: no storage, no clock).</summary>
public sealed class RollupCalculator(RollupOptions options)
{
    /// <summary>The UTC instants [start, end) of a station-local day.</summary>
    public static (long StartMs, long EndMs) DayBounds(DateOnly localDate, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = localDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var end = localDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return (new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUnixTimeMilliseconds(), new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUnixTimeMilliseconds());
    }

    /// <summary>Computes the day and its hours.</summary>
    /// <param name="station">The station (schedule, time zone).</param>
    /// <param name="localDate">The station-local day.</param>
    /// <param name="telemetryPeriodSeconds">The station's telemetry period (`tel` of its last birth).</param>
    /// <param name="messages">Telemetry and events dated inside the day.</param>
    public (DailyRollup Daily, IReadOnlyList<HourlyRollup> Hours) Compute(StationRecord station, DateOnly localDate, int telemetryPeriodSeconds, IEnumerable<RawMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(messages);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(station.TimeZone);
        var period = Math.Max(1, telemetryPeriodSeconds);
        var sampleMinutes = period / 60.0;
        var summer = options.SummerMonths.Contains(localDate.Month);
        var (bandMin, bandMax) = summer ? (options.SummerComfortMinCelsius, options.SummerComfortMaxCelsius) : (options.WinterComfortMinCelsius, options.WinterComfortMaxCelsius);
        var hours = Enumerable.Range(0, 24).Select(_ => new Bucket()).ToArray();
        var day = new Bucket();
        bool? onTime = station.ScheduledMinutesPerDay >= 1440 ? null : false;
        double openInSchedule = 0, dispenserMinutes = 0, outletMinutes = 0, climateMinutes = 0;

        foreach (var message in messages.OrderBy(m => m.TsMs))
        {
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(message.TsMs), zone);
            var minuteOfDay = local.Hour * 60 + local.Minute;
            var hour = hours[local.Hour];
            using var document = JsonDocument.Parse(message.Payload);
            var root = document.RootElement;
            if (message.Kind == "telemetry")
            {
                var open = root.GetProperty("open").GetBoolean();
                var inSchedule = InSchedule(station, minuteOfDay);
                foreach (var bucket in new[] { hour, day })
                {
                    bucket.TelemetryReceived++;
                    if (open)
                    {
                        bucket.OpenMinutes += sampleMinutes;
                    }
                }

                if (open && inSchedule)
                {
                    openInSchedule += sampleMinutes;
                }

                if (open && onTime == false && minuteOfDay >= station.ScheduleOpenMinute && minuteOfDay < station.ScheduleOpenMinute + options.OnTimeGraceMinutes)
                {
                    onTime = true;
                }

                if (inSchedule)
                {
                    dispenserMinutes += root.GetProperty("disp").EnumerateArray().All(d => d.GetProperty("st").GetString() == "ok") ? sampleMinutes : 0;
                    outletMinutes += root.GetProperty("out").EnumerateArray().All(o => o.GetProperty("st").GetString() is "idle" or "on") ? sampleMinutes : 0;
                    climateMinutes += root.GetProperty("clim").EnumerateArray().All(c => !c.TryGetProperty("err", out _)) ? sampleMinutes : 0;
                }

                var temperatures = root.GetProperty("clim").EnumerateArray().Where(c => c.TryGetProperty("t", out _)).Select(c => c.GetProperty("t").GetDouble()).ToList();
                if (open && temperatures.Count > 0)
                {
                    var mean = temperatures.Average();
                    foreach (var bucket in new[] { hour, day })
                    {
                        bucket.ComfortMinutes += mean >= bandMin && mean <= bandMax ? sampleMinutes : 0;
                        bucket.HotMinutes += mean > options.HotAboveCelsius ? sampleMinutes : 0;
                        bucket.ColdMinutes += mean < options.ColdBelowCelsius ? sampleMinutes : 0;
                    }
                }

                continue;
            }

            foreach (var bucket in new[] { hour, day })
            {
                switch (message.EventType)
                {
                    case "visit":
                        bucket.Visits += root.GetProperty("n").GetInt64();
                        break;
                    case "dispense":
                        bucket.Litres += root.GetProperty("l").GetDouble();
                        break;
                    case "outlet.stop":
                        bucket.ChargingSessions++;
                        bucket.ChargingWh += root.GetProperty("wh").GetDouble();
                        break;
                    case "safety.trip":
                        bucket.SafetyTrips++;
                        break;
                }
            }

            if (message.EventType == "station.open" && onTime == false && minuteOfDay >= station.ScheduleOpenMinute - options.OnTimeGraceMinutes && minuteOfDay < station.ScheduleOpenMinute + options.OnTimeGraceMinutes)
            {
                onTime = true;
            }
        }

        var expectedPerHour = 3600 / period;
        var scheduledPerHour = Enumerable.Range(0, 24).Select(h => (double)Enumerable.Range(h * 60, 60).Count(m => InSchedule(station, m))).ToArray();
        var hourly = hours.Select((b, h) => new HourlyRollup(
            station.StationId, localDate, h, b.Visits, Math.Round(b.Litres, 3), b.ChargingSessions, Math.Round(b.ChargingWh, 1), b.OpenMinutes, scheduledPerHour[h],
            b.ComfortMinutes, b.HotMinutes, b.ColdMinutes, b.TelemetryReceived, expectedPerHour, b.SafetyTrips)).ToList();
        var scheduled = scheduledPerHour.Sum();
        var daily = new DailyRollup(
            station.StationId, localDate, station.TimeZone, day.Visits, Math.Round(day.Litres, 3), day.ChargingSessions, Math.Round(day.ChargingWh, 1),
            day.OpenMinutes, scheduled, openInSchedule, onTime, dispenserMinutes, outletMinutes, climateMinutes, scheduled,
            day.ComfortMinutes, day.HotMinutes, day.ColdMinutes, day.TelemetryReceived, 86_400 / period, day.SafetyTrips);
        return (daily, hourly);
    }

    static bool InSchedule(StationRecord station, int minuteOfDay) =>
        station.ScheduleCloseMinute > station.ScheduleOpenMinute
            ? minuteOfDay >= station.ScheduleOpenMinute && minuteOfDay < station.ScheduleCloseMinute
            : minuteOfDay >= station.ScheduleOpenMinute || minuteOfDay < station.ScheduleCloseMinute;

    sealed class Bucket
    {
        public long Visits;
        public double Litres;
        public long ChargingSessions;
        public double ChargingWh;
        public double OpenMinutes;
        public double ComfortMinutes;
        public double HotMinutes;
        public double ColdMinutes;
        public long TelemetryReceived;
        public long SafetyTrips;
    }
}
