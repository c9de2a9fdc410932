using CsCheck;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class RatingPropertyTests
{
    private static readonly RatingEngine Engine = new(Rubric.Default);

    /// <summary>A random but consistent week of rollups (every "available" within its "expected", comfort within occupied).</summary>
    internal static StationPeriodData RandomStation(int seed)
    {
        var rnd = new Random(seed);
        var period = RatingPeriod.Between(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 7));
        var days = new List<DailyRollup>();
        for (var d = period.From; d <= period.To; d = d.AddDays(1))
        {
            var scheduled = new[] { 0, 480, 720, 1440 }[rnd.Next(4)];
            var disp = rnd.Next(3) == 0 ? 0 : 720;
            var outl = rnd.Next(3) == 0 ? 0 : 2880;
            var clim = rnd.Next(4) == 0 ? 0 : 720;
            var occupied = rnd.Next(0, 700);
            days.Add(new DailyRollup
            {
                StationId = "P",
                Date = d,
                ScheduledMinutes = scheduled,
                OpenMinutesWithinSchedule = rnd.Next(0, scheduled + 1),
                OpenedOnTime = rnd.Next(2) == 0,
                Visits = rnd.Next(0, 40),
                Litres = rnd.NextDouble() * 30,
                ChargingSessions = rnd.Next(0, 12),
                TelemetryExpected = 1440,
                TelemetryReceived = rnd.Next(1100, 1441),
                DispenserExpectedMinutes = disp,
                DispenserAvailableMinutes = rnd.Next(0, disp + 1),
                OutletExpectedMinutes = outl,
                OutletAvailableMinutes = rnd.Next(0, outl + 1),
                ClimateExpectedMinutes = clim,
                ClimateAvailableMinutes = rnd.Next(0, clim + 1),
                OccupiedMinutes = occupied,
                ComfortMinutes = rnd.Next(0, occupied + 1),
                HeatWaveDay = rnd.Next(5) == 0,
                MinutesAbove32 = rnd.Next(0, (occupied / 4) + 1),
                MinutesBelow10 = rnd.Next(0, (occupied / 4) + 1),
            });
        }

        var raised = new DateTimeOffset(2026, 7, 3, 2, 0, 0, TimeSpan.Zero);
        var alarms = Enumerable.Range(0, rnd.Next(0, 4)).Select(_ => new AlarmRecord
        {
            StationId = "P",
            RaisedAt = raised,
            AcknowledgedAt = raised.AddMinutes(rnd.Next(1, 600)),
            ClearedAt = raised.AddMinutes(rnd.Next(600, 5000)),
        }).ToList();
        var trips = Enumerable.Range(0, rnd.Next(0, 4)).Select(_ => new SafetyTripRecord
        {
            StationId = "P",
            OccurredAt = raised,
            FollowedUpWithin24Hours = rnd.Next(2) == 0,
        }).ToList();
        return new StationPeriodData
        {
            Profile = StationFactory.Profile("P", rnd.Next(2) == 0),
            Period = period,
            Days = days,
            Alarms = alarms,
            SafetyTrips = trips,
            AsOf = new DateTimeOffset(2026, 7, 8, 0, 0, 0, TimeSpan.Zero),
        };
    }

    /// <summary>Each way to make one "good" input better on one day (never past its physical limit).</summary>
    private static readonly Func<DailyRollup, int, DailyRollup>[] Improvements =
    [
        (d, k) => d with { OpenMinutesWithinSchedule = Math.Min(d.ScheduledMinutes, d.OpenMinutesWithinSchedule + k) },
        (d, _) => d with { OpenedOnTime = true },
        (d, k) => d with { Visits = d.Visits + k },
        (d, k) => d with { Litres = d.Litres + k },
        (d, k) => d with { ChargingSessions = d.ChargingSessions + k },
        (d, k) => d with { TelemetryReceived = Math.Min(d.TelemetryExpected, d.TelemetryReceived + k) },
        (d, k) => d with { DispenserAvailableMinutes = Math.Min(d.DispenserExpectedMinutes, d.DispenserAvailableMinutes + k) },
        (d, k) => d with { OutletAvailableMinutes = Math.Min(d.OutletExpectedMinutes, d.OutletAvailableMinutes + k) },
        (d, k) => d with { ClimateAvailableMinutes = Math.Min(d.ClimateExpectedMinutes, d.ClimateAvailableMinutes + k) },
        (d, k) => d with { ComfortMinutes = Math.Min(d.OccupiedMinutes, d.ComfortMinutes + k) },
        (d, k) => d with { MinutesAbove32 = Math.Max(0, d.MinutesAbove32 - k) },
        (d, k) => d with { MinutesBelow10 = Math.Max(0, d.MinutesBelow10 - k) },
    ];

    [TestMethod]
    public void Score_IsMonotonicNonDecreasing_InEachGoodDailyInput()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, Improvements.Length - 1], Gen.Int[0, 6], Gen.Int[1, 400])
            .Sample((seed, which, day, amount) =>
            {
                var station = RandomStation(seed);
                var before = Engine.Rate(station).Score;
                var days = station.Days.ToList();
                days[day] = Improvements[which](days[day], amount);
                var after = Engine.Rate(station with { Days = days }).Score;
                return after >= before - 1e-9;
            }, iter: 400);
    }

    [TestMethod]
    public void Score_IsMonotonic_InFaultResponse()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 300]).Sample((seed, minutes) =>
        {
            var station = RandomStation(seed);
            if (station.Alarms.Count == 0 && station.SafetyTrips.Count == 0)
            {
                return true;
            }

            var before = Engine.Rate(station).Score;
            var faster = station with
            {
                Alarms = station.Alarms.Select(a => a with
                {
                    AcknowledgedAt = a.RaisedAt + TimeSpan.FromMinutes(Math.Max(0, (a.AcknowledgedAt!.Value - a.RaisedAt).TotalMinutes - minutes)),
                    ClearedAt = a.RaisedAt + TimeSpan.FromMinutes(Math.Max(0, (a.ClearedAt!.Value - a.RaisedAt).TotalMinutes - minutes)),
                }).ToList(),
                SafetyTrips = station.SafetyTrips.Select((t, i) => i == 0 ? t with { FollowedUpWithin24Hours = true } : t).ToList(),
            };
            return Engine.Rate(faster).Score >= before - 1e-9;
        }, iter: 300);
    }

    [TestMethod]
    public void Stars_NeverExceedCaps_AndScoreStaysInRange()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var r = Engine.Rate(RandomStation(seed));
            var capOk = r.Caps.All(c => r.ComputedStars <= c.MaxStars);
            return r.Score >= 0 && r.Score <= 100 + 1e-9 && capOk && r.ComputedStars <= r.ScoreStars;
        }, iter: 300);
    }
}
