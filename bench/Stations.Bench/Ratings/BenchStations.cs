using System.Globalization;
using Stations.Ratings.Inputs;

namespace Stations.Bench.Ratings;

/// <summary>Deterministic station-months for the rating benchmarks: from busy, well-run stations to neglected ones.</summary>
internal static class BenchStations
{
    /// <summary>The month rated.</summary>
    public static readonly RatingPeriod Month = RatingPeriod.Month(2026, 3);

    /// <summary>Station id of index <paramref name="i"/>, e.g. bench-000042.</summary>
    public static string Id(int i) => "bench-" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>One day of station <paramref name="i"/>: ten quality levels, a few gaps in telemetry and opening.</summary>
    public static DailyRollup Day(int i, DateOnly date)
    {
        var quality = (i % 10) / 9.0;
        var d = date.Day;
        var open = (int)(720 * (0.6 + (0.4 * quality)));
        var telemetry = (int)(1440 * (0.8 + (0.2 * quality)));
        return new DailyRollup
        {
            StationId = Id(i),
            Date = date,
            ScheduledMinutes = 720,
            OpenMinutesWithinSchedule = open,
            OpenedOnTime = (d + i) % 7 != 0 || quality > 0.5,
            Visits = (int)(30 * quality) + (d % 3),
            Litres = 25 * quality,
            ChargingSessions = (int)(10 * quality),
            EnergyWh = 4000 * quality,
            TelemetryExpected = 1440,
            TelemetryReceived = telemetry,
            DispenserAvailableMinutes = open,
            DispenserExpectedMinutes = 720,
            OutletAvailableMinutes = open * 4,
            OutletExpectedMinutes = 2880,
            ClimateAvailableMinutes = open,
            ClimateExpectedMinutes = 720,
            OccupiedMinutes = open,
            ComfortMinutes = (int)(open * (0.5 + (0.5 * quality))),
            MinutesAbove32 = (int)(open * 0.05 * (1 - quality)),
            SafetyTrips = d == 15 && quality < 0.3 ? 1 : 0,
        };
    }

    /// <summary>Station <paramref name="i"/>'s profile: every third station has the 5-star facilities.</summary>
    public static StationProfile Profile(int i) => new()
    {
        StationId = Id(i),
        Name = "驿站 " + Id(i),
        Province = "贵州省",
        City = "贵阳市",
        District = (i % 3) switch { 0 => "南明区", 1 => "云岩区", _ => "观山湖区" },
        AreaSquareMetres = i % 3 == 0 ? 36 : 20,
        Seats = i % 3 == 0 ? 24 : 10,
        HasAed = i % 3 == 0,
        SpecialServices = i % 3 == 0 ? ["legalAid"] : [],
    };

    /// <summary>Station <paramref name="i"/>'s month.</summary>
    public static StationPeriodData Station(int i) => new()
    {
        Profile = Profile(i),
        Period = Month,
        Days = Enumerable.Range(0, Month.Days).Select(d => Day(i, Month.From.AddDays(d))).ToList(),
        AsOf = new DateTimeOffset(Month.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
    };
}
