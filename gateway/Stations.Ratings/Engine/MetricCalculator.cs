using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Engine;

/// <summary>Turns a station's daily rollups and fault records into the metrics a rubric scores.</summary>
public static class MetricCalculator
{
    /// <summary>Telemetry messages assumed for a day with no rollup at all (one a minute).</summary>
    public const int DefaultTelemetryPerDay = 1440;

    /// <summary>Computes metrics and totals; <paramref name="heatWaveDayWeight"/> weights heat-wave days in the comfort share.</summary>
    public static RatingInputs Compute(StationPeriodData data, double heatWaveDayWeight)
    {
        ArgumentNullException.ThrowIfNull(data);
        var period = data.Period;
        // One rollup per day: a re-sent rollup for the same day replaces the earlier one.
        var byDate = new Dictionary<DateOnly, DailyRollup>();
        foreach (var d in data.Days)
        {
            if (period.Contains(d.Date))
            {
                byDate[d.Date] = d;
            }
        }

        long scheduledMinutes = 0, openMinutes = 0, visits = 0, sessions = 0, telemetryExpected = 0, telemetryReceived = 0;
        long dispAvail = 0, dispExp = 0, outAvail = 0, outExp = 0, climAvail = 0, climExp = 0, trips = 0;
        double litres = 0, energy = 0, occupiedWeighted = 0, comfortWeighted = 0, occupied = 0, extreme = 0;
        int scheduledDays = 0, daysWithVisit = 0, onTime = 0, heatDays = 0;
        foreach (var d in byDate.Values)
        {
            if (d.ScheduledMinutes > 0)
            {
                scheduledDays++;
                scheduledMinutes += d.ScheduledMinutes;
                openMinutes += Math.Clamp(d.OpenMinutesWithinSchedule, 0, d.ScheduledMinutes);
                daysWithVisit += d.Visits > 0 ? 1 : 0;
                onTime += d.OpenedOnTime ? 1 : 0;
            }

            visits += Math.Max(0, d.Visits);
            litres += Math.Max(0, d.Litres);
            sessions += Math.Max(0, d.ChargingSessions);
            energy += Math.Max(0, d.EnergyWh);
            telemetryExpected += Math.Max(0, d.TelemetryExpected);
            telemetryReceived += Math.Clamp(d.TelemetryReceived, 0, Math.Max(0, d.TelemetryExpected));
            dispExp += Math.Max(0, d.DispenserExpectedMinutes);
            dispAvail += Math.Clamp(d.DispenserAvailableMinutes, 0, Math.Max(0, d.DispenserExpectedMinutes));
            outExp += Math.Max(0, d.OutletExpectedMinutes);
            outAvail += Math.Clamp(d.OutletAvailableMinutes, 0, Math.Max(0, d.OutletExpectedMinutes));
            climExp += Math.Max(0, d.ClimateExpectedMinutes);
            climAvail += Math.Clamp(d.ClimateAvailableMinutes, 0, Math.Max(0, d.ClimateExpectedMinutes));
            var occ = Math.Max(0, d.OccupiedMinutes);
            var weight = d.HeatWaveDay ? heatWaveDayWeight : 1.0;
            heatDays += d.HeatWaveDay ? 1 : 0;
            occupied += occ;
            occupiedWeighted += occ * weight;
            comfortWeighted += Math.Clamp(d.ComfortMinutes, 0, occ) * weight;
            extreme += Math.Min(occ, Math.Max(0, d.MinutesAbove32) + Math.Max(0, d.MinutesBelow10));
            trips += Math.Max(0, d.SafetyTrips);
        }

        // A day without any rollup still expected telemetry: count it as fully missing.
        var missingDays = period.Days - byDate.Count;
        if (missingDays > 0)
        {
            var perDay = byDate.Count > 0 ? (double)telemetryExpected / byDate.Count : DefaultTelemetryPerDay;
            telemetryExpected += (long)Math.Round(missingDays * Math.Max(perDay, 1));
        }

        var alarms = data.Alarms.Where(a => a.RaisedAt <= data.AsOf).ToList();
        var repair = alarms.Select(a => Minutes(a.RaisedAt, a.ClearedAt ?? data.AsOf)).ToList();
        // A fault that cleared by itself before anyone acknowledged it needs no acknowledgement.
        var ack = alarms.Select(a => Minutes(a.RaisedAt, a.AcknowledgedAt ?? a.ClearedAt ?? data.AsOf)).ToList();
        var safety = data.SafetyTrips;

        var metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal)
        {
            [MetricIds.VisitsPerScheduledDay] = Ratio(visits, scheduledDays),
            [MetricIds.LitresPerScheduledDay] = Ratio(litres, scheduledDays),
            [MetricIds.ChargingSessionsPerScheduledDay] = Ratio(sessions, scheduledDays),
            [MetricIds.DaysWithVisitShare] = Ratio(daysWithVisit, scheduledDays),
            [MetricIds.OpeningAdherence] = Ratio(openMinutes, scheduledMinutes),
            [MetricIds.OnTimeOpeningShare] = Ratio(onTime, scheduledDays),
            [MetricIds.DispenserAvailability] = Ratio(dispAvail, dispExp),
            [MetricIds.OutletAvailability] = Ratio(outAvail, outExp),
            [MetricIds.ClimateAvailability] = Ratio(climAvail, climExp),
            [MetricIds.TelemetryCompleteness] = telemetryExpected > 0 ? (double)telemetryReceived / telemetryExpected : 0,
            [MetricIds.ComfortShare] = Ratio(comfortWeighted, occupiedWeighted),
            [MetricIds.ExtremeTemperatureShare] = Ratio(extreme, occupied),
            [MetricIds.MedianRepairMinutes] = Median(repair),
            [MetricIds.MedianAcknowledgeMinutes] = Median(ack),
            [MetricIds.SafetyFollowUpShare] = safety.Count == 0 ? null : (double)safety.Count(t => t.FollowedUpWithin24Hours) / safety.Count,
        };

        var totals = new StationTotals
        {
            DaysWithData = byDate.Count,
            ScheduledDays = scheduledDays,
            ScheduledMinutes = scheduledMinutes,
            OpenMinutesWithinSchedule = openMinutes,
            Visits = visits,
            Litres = litres,
            ChargingSessions = sessions,
            EnergyWh = energy,
            HeatWaveDays = heatDays,
            Alarms = alarms.Count,
            OpenAlarms = alarms.Count(a => a.ClearedAt is null || a.ClearedAt > data.AsOf),
            SafetyTrips = (int)Math.Max(trips, safety.Count),
        };

        return new RatingInputs
        {
            Profile = data.Profile,
            Period = period,
            Metrics = metrics,
            Totals = totals,
            History = data.History,
        };
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;

    private static double Minutes(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalMinutes);

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
