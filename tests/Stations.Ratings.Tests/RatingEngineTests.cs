using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class RatingEngineTests
{
    private static readonly RatingEngine Engine = new(Rubric.Default);

    private static RatingResult Score(Action<Dictionary<string, double?>> change, IReadOnlyList<PreviousRating>? history = null, bool fiveStarReady = true)
    {
        var m = StationFactory.PerfectMetrics();
        change(m);
        return Engine.Score(StationFactory.Inputs(m, history, fiveStarReady));
    }

    [TestMethod]
    public void PerfectStation_Scores100_FiveStars()
    {
        var r = Engine.Rate(StationFactory.Station());
        Assert.AreEqual(100, r.Score, 1e-9);
        Assert.AreEqual(5, r.ComputedStars);
        Assert.AreEqual(5, r.AwardedStars);
        Assert.AreEqual(RatingStatus.Rated, r.Status);
        Assert.AreEqual(StarMovement.New, r.Movement);
        Assert.IsNull(r.Advice, "nothing above 5 stars");
        Assert.AreEqual(31 * 30, r.Inputs.Totals.Visits);
        Assert.AreEqual(15, r.Items.Count);
    }

    [TestMethod]
    public void ProfileGate_WithoutAedAndArea_CapsAtFourStars()
    {
        var r = Engine.Rate(StationFactory.Station(fiveStarReady: false));
        Assert.AreEqual(100, r.Score, 1e-9);
        Assert.AreEqual(5, r.ScoreStars);
        Assert.AreEqual(4, r.ComputedStars);
        var gate = r.Caps.Single(c => c.Id == "profileGate5");
        Assert.IsTrue(gate.Binding);
        CollectionAssert.AreEquivalent(new[] { "areaSquareMetres", "seats", "aed", "specialServices" }, gate.Shortfalls.Select(s => s.Requirement).ToArray());
        Assert.AreEqual(4, r.Advice!.ProfileShortfalls.Count);
    }

    [TestMethod]
    public void StarBoundaries_ExactThresholdEarnsTheStar()
    {
        // visits 0 (-15) and water 0 (-5) leave 80; comfort 0.66 gives 4 of 12 points: 72 exactly.
        var at = Score(m => { m[MetricIds.VisitsPerScheduledDay] = 0; m[MetricIds.LitresPerScheduledDay] = 0; m[MetricIds.ComfortShare] = 0.66; });
        Assert.AreEqual(72, at.Score, 1e-9);
        Assert.AreEqual(4, at.ComputedStars);
        var below = Score(m => { m[MetricIds.VisitsPerScheduledDay] = 0; m[MetricIds.LitresPerScheduledDay] = 0; m[MetricIds.ComfortShare] = 0.656; });
        Assert.AreEqual(71.9, below.Score, 1e-9);
        Assert.AreEqual(3, below.ComputedStars);
        var at85 = Score(m => m[MetricIds.VisitsPerScheduledDay] = 0);
        Assert.AreEqual(85, at85.Score, 1e-9);
        Assert.AreEqual(5, at85.ComputedStars);
    }

    [TestMethod]
    public void Rectification_BelowOneStarThreshold()
    {
        var r = Engine.Rate(StationFactory.Station(adjust: d => d with
        {
            Visits = 0, Litres = 0, ChargingSessions = 0, OpenMinutesWithinSchedule = 300, OpenedOnTime = false,
            DispenserAvailableMinutes = 0, OutletAvailableMinutes = 0, ClimateAvailableMinutes = 0, ComfortMinutes = 0,
        }));
        Assert.IsTrue(r.Score < 25, r.Score.ToString());
        Assert.AreEqual(0, r.AwardedStars);
    }

    [TestMethod]
    public void AdherenceBelow80_CapsAtTwoStars_At80NoCap()
    {
        var capped = Score(m => m[MetricIds.OpeningAdherence] = 0.79);
        Assert.IsTrue(capped.Score >= 85, "the score alone would be 5 stars");
        Assert.AreEqual(2, capped.ComputedStars);
        Assert.IsTrue(capped.Caps.Single(c => c.Id == "adherenceBelow80").Binding);
        var edge = Score(m => m[MetricIds.OpeningAdherence] = 0.80);
        Assert.IsFalse(edge.Caps.Any(c => c.Id == "adherenceBelow80"));
    }

    [TestMethod]
    public void AnyDeviceClassBelow70_CapsAtThreeStars()
    {
        foreach (var metric in new[] { MetricIds.DispenserAvailability, MetricIds.OutletAvailability, MetricIds.ClimateAvailability })
        {
            var r = Score(m => m[metric] = 0.69);
            Assert.AreEqual(3, r.ComputedStars, metric);
        }

        Assert.AreEqual(5, Score(m => m[MetricIds.OutletAvailability] = null).ComputedStars, "no outlets: no outlet cap");
    }

    [TestMethod]
    public void Promotion_NeedsTwoConsecutiveQualifyingMonths()
    {
        var firstMonth = Score(m => m[MetricIds.VisitsPerScheduledDay] = 0, [StationFactory.Previous(awarded: 3, computed: 3)]);
        Assert.AreEqual(5, firstMonth.ComputedStars);
        Assert.AreEqual(3, firstMonth.AwardedStars);
        Assert.AreEqual(RatingStatus.PromotionPending, firstMonth.Status);
        Assert.AreEqual(StarMovement.Unchanged, firstMonth.Movement);

        var secondMonth = Score(m => m[MetricIds.VisitsPerScheduledDay] = 0, [firstMonth.ToPreviousRating()]);
        Assert.AreEqual(5, secondMonth.AwardedStars);
        Assert.AreEqual(StarMovement.Promoted, secondMonth.Movement);

        var partly = Score(_ => { }, [StationFactory.Previous(awarded: 3, computed: 4)]);
        Assert.AreEqual(4, partly.AwardedStars, "last month qualified for 4 only");
        Assert.AreEqual(RatingStatus.PromotionPending, partly.Status);

        var thinLastMonth = Score(_ => { }, [StationFactory.Previous(awarded: 3, computed: 5, sufficient: false)]);
        Assert.AreEqual(3, thinLastMonth.AwardedStars, "a month with thin evidence does not qualify");
    }

    [TestMethod]
    public void Demotion_IsImmediate()
    {
        var r = Score(m => m[MetricIds.OpeningAdherence] = 0.7, [StationFactory.Previous(awarded: 5, computed: 5, score: 95)]);
        Assert.AreEqual(2, r.AwardedStars);
        Assert.AreEqual(StarMovement.Demoted, r.Movement);
        Assert.AreEqual(r.Score - 95, r.ScoreChange!.Value, 1e-9);
    }

    [TestMethod]
    public void SparseTelemetry_KeepsPreviousStar_SaysEvidenceInsufficient()
    {
        var sparse = StationFactory.Station(adjust: d => d with { TelemetryReceived = 1200 }, history: [StationFactory.Previous(awarded: 3, computed: 3)]);
        var r = Engine.Rate(sparse);
        Assert.AreEqual(1200.0 / 1440, r.Inputs.Metrics[MetricIds.TelemetryCompleteness]!.Value, 1e-12);
        Assert.IsFalse(r.EvidenceSufficient);
        Assert.AreEqual(RatingStatus.EvidenceInsufficient, r.Status);
        Assert.AreEqual(3, r.AwardedStars);

        var neverRated = Engine.Rate(sparse with { History = [] });
        Assert.IsNull(neverRated.AwardedStars);
        Assert.AreEqual(StarMovement.Unrated, neverRated.Movement);

        var exactly90 = Engine.Rate(StationFactory.Station(adjust: d => d with { TelemetryReceived = 1296 }));
        Assert.IsTrue(exactly90.EvidenceSufficient);
    }

    [TestMethod]
    public void MissingDays_CountAsMissingTelemetry()
    {
        var data = StationFactory.Station();
        var r = Engine.Rate(data with { Days = data.Days.Take(25).ToList() });
        Assert.AreEqual(25.0 / 31, r.Inputs.Metrics[MetricIds.TelemetryCompleteness]!.Value, 1e-9);
        Assert.IsFalse(r.EvidenceSufficient);
        Assert.IsFalse(Engine.Rate(data with { Days = [] }).EvidenceSufficient);
    }

    [TestMethod]
    public void HeatWaveDays_CountDouble_InComfort()
    {
        // Two days: a normal day fully comfortable, a heat-wave day half comfortable: (100 + 2*50) / (100 + 2*100).
        var p = RatingPeriod.Between(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2));
        var data = StationFactory.Station(period: p) with
        {
            Days =
            [
                StationFactory.GoodDay("S", p.From) with { OccupiedMinutes = 100, ComfortMinutes = 100 },
                StationFactory.GoodDay("S", p.To) with { OccupiedMinutes = 100, ComfortMinutes = 50, HeatWaveDay = true, MinutesAbove32 = 30 },
            ],
        };
        var r = Engine.Rate(data);
        Assert.AreEqual(200.0 / 300, r.Inputs.Metrics[MetricIds.ComfortShare]!.Value, 1e-12);
        Assert.AreEqual(30.0 / 200, r.Inputs.Metrics[MetricIds.ExtremeTemperatureShare]!.Value, 1e-12);
    }

    [TestMethod]
    public void FaultResponse_UsesMedians_OpenAlarmsCountToAsOf()
    {
        var data = StationFactory.Station();
        var t0 = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        data = data with
        {
            Alarms =
            [
                new AlarmRecord { StationId = "S", RaisedAt = t0, AcknowledgedAt = t0.AddMinutes(5), ClearedAt = t0.AddMinutes(60) },
                new AlarmRecord { StationId = "S", RaisedAt = t0, AcknowledgedAt = t0.AddMinutes(20), ClearedAt = t0.AddMinutes(300) },
                new AlarmRecord { StationId = "S", RaisedAt = data.AsOf.AddMinutes(-100) },
            ],
            SafetyTrips =
            [
                new SafetyTripRecord { StationId = "S", OccurredAt = t0, FollowedUpWithin24Hours = true },
                new SafetyTripRecord { StationId = "S", OccurredAt = t0, FollowedUpWithin24Hours = false },
            ],
        };
        var r = Engine.Rate(data);
        Assert.AreEqual(100, r.Inputs.Metrics[MetricIds.MedianRepairMinutes]!.Value, 1e-9);
        Assert.AreEqual(20, r.Inputs.Metrics[MetricIds.MedianAcknowledgeMinutes]!.Value, 1e-9);
        Assert.AreEqual(0.5, r.Inputs.Metrics[MetricIds.SafetyFollowUpShare]!.Value, 1e-9);
        Assert.AreEqual(1, r.Inputs.Totals.OpenAlarms);
    }

    [TestMethod]
    public void StoredRating_RoundTripsThroughJson_AndReproducesExactly()
    {
        var r = Engine.Rate(StationFactory.Station(adjust: d => d with { OpenMinutesWithinSchedule = 650 }, history: [StationFactory.Previous(3, 3)]));
        var json = RatingJson.Serialize(r);
        StringAssert.Contains(json, "工会驿站");
        StringAssert.Contains(json, "\"rubricSha256\"");
        var back = RatingJson.Deserialize(json);
        Assert.AreEqual(r.RubricSha256, back.RubricSha256);
        var again = Engine.Score(back.Inputs);
        Assert.AreEqual(json, RatingJson.Serialize(again));
    }
}
