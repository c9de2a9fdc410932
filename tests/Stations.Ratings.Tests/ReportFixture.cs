using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

/// <summary>A small city: two districts, stations from excellent to 整改, with last month's stars.</summary>
internal static class ReportFixture
{
    public static readonly RatingEngine Engine = new(Rubric.Default);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);

    public static List<RatingResult> Ratings() => StationsData().Select(Engine.Rate).ToList();

    public static List<StationPeriodData> StationsData()
    {
        var list = new List<StationPeriodData>();
        for (var i = 0; i < 12; i++)
        {
            var quality = i / 11.0;
            var district = i % 2 == 0 ? "鼓楼区" : "台江区";
            var id = "FZ-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            var data = StationFactory.Station(id, d => d with
            {
                Visits = (int)(40 * quality),
                Litres = 30 * quality,
                ChargingSessions = (int)(10 * quality),
                OpenedOnTime = quality > 0.3,
                OutletAvailableMinutes = (int)(2880 * (0.6 + (0.4 * quality))),
                ClimateAvailableMinutes = (int)(720 * (0.6 + (0.4 * quality))),
                OpenMinutesWithinSchedule = (int)(720 * (0.6 + (0.4 * quality))),
                DispenserAvailableMinutes = (int)(720 * (0.6 + (0.4 * quality))),
                ComfortMinutes = (int)(700 * quality),
                TelemetryReceived = i == 5 ? 1000 : 1440,
            }, history: [StationFactory.Previous(awarded: i % 4 + 1, computed: i % 4 + 1)], fiveStarReady: i > 8);
            data = data with { Profile = data.Profile with { District = district } };
            list.Add(data);
        }

        return list;
    }

    public static UnionReport Report(ReportText? text = null, RegionScope? scope = null) =>
        UnionReportBuilder.Build("福州市总工会", scope ?? new RegionScope { Province = "福建省", City = "福州市" }, StationFactory.March, Ratings(), Rubric.Default, GeneratedAt, text ?? ReportText.Chinese);
}
