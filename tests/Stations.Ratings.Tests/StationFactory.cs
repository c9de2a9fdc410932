using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

/// <summary>Builds stations, rollups and metrics for tests.</summary>
internal static class StationFactory
{
    public static readonly RatingPeriod March = RatingPeriod.Month(2026, 3);

    public static StationProfile Profile(string id = "FZ-GL-0001", bool fiveStarReady = true, string district = "鼓楼区", string city = "福州市") => new()
    {
        StationId = id,
        Name = id + " 工会驿站",
        Province = "福建省",
        City = city,
        District = district,
        AreaSquareMetres = fiveStarReady ? 36 : 22,
        Seats = fiveStarReady ? 24 : 12,
        HasAed = fiveStarReady,
        SpecialServices = fiveStarReady ? ["维权接待"] : [],
    };

    /// <summary>A well-run day: open all 12 scheduled hours, busy, everything available, comfortable.</summary>
    public static DailyRollup GoodDay(string station, DateOnly date) => new()
    {
        StationId = station,
        Date = date,
        ScheduledMinutes = 720,
        OpenMinutesWithinSchedule = 720,
        OpenedOnTime = true,
        Visits = 30,
        Litres = 25,
        ChargingSessions = 10,
        EnergyWh = 4000,
        TelemetryExpected = 1440,
        TelemetryReceived = 1440,
        DispenserAvailableMinutes = 720,
        DispenserExpectedMinutes = 720,
        OutletAvailableMinutes = 2880,
        OutletExpectedMinutes = 2880,
        ClimateAvailableMinutes = 720,
        ClimateExpectedMinutes = 720,
        OccupiedMinutes = 700,
        ComfortMinutes = 700,
    };

    public static StationPeriodData Station(
        string id = "FZ-GL-0001",
        Func<DailyRollup, DailyRollup>? adjust = null,
        IReadOnlyList<PreviousRating>? history = null,
        bool fiveStarReady = true,
        RatingPeriod? period = null)
    {
        var p = period ?? March;
        var days = new List<DailyRollup>();
        for (var d = p.From; d <= p.To; d = d.AddDays(1))
        {
            var day = GoodDay(id, d);
            days.Add(adjust is null ? day : adjust(day));
        }

        return new StationPeriodData
        {
            Profile = Profile(id, fiveStarReady),
            Period = p,
            Days = days,
            History = history ?? [],
            AsOf = new DateTimeOffset(p.To.ToDateTime(new TimeOnly(23, 59)), TimeSpan.FromHours(8)),
        };
    }

    /// <summary>Best value for every metric of the default rubric.</summary>
    public static Dictionary<string, double?> PerfectMetrics() => new()
    {
        [MetricIds.VisitsPerScheduledDay] = 30,
        [MetricIds.LitresPerScheduledDay] = 25,
        [MetricIds.ChargingSessionsPerScheduledDay] = 10,
        [MetricIds.DaysWithVisitShare] = 1,
        [MetricIds.OpeningAdherence] = 1,
        [MetricIds.OnTimeOpeningShare] = 1,
        [MetricIds.DispenserAvailability] = 1,
        [MetricIds.OutletAvailability] = 1,
        [MetricIds.ClimateAvailability] = 1,
        [MetricIds.TelemetryCompleteness] = 1,
        [MetricIds.ComfortShare] = 1,
        [MetricIds.ExtremeTemperatureShare] = 0,
        [MetricIds.MedianRepairMinutes] = 30,
        [MetricIds.MedianAcknowledgeMinutes] = 5,
        [MetricIds.SafetyFollowUpShare] = 1,
    };

    public static RatingInputs Inputs(Dictionary<string, double?> metrics, IReadOnlyList<PreviousRating>? history = null, bool fiveStarReady = true) => new()
    {
        Profile = Profile(fiveStarReady: fiveStarReady),
        Period = March,
        Metrics = metrics,
        Totals = new StationTotals(),
        History = history ?? [],
    };

    public static PreviousRating Previous(int awarded, int computed, double score = 60, bool sufficient = true) => new()
    {
        Period = RatingPeriod.Month(2026, 2),
        AwardedStars = awarded,
        ComputedStars = computed,
        Score = score,
        EvidenceSufficient = sufficient,
    };
}
