using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;

namespace Stations.Ratings.Tests.Storage;

/// <summary>The real gateway (SQLite): profile API with zh-CN/English problems, rate a month via the API, stored ratings listed and shown on the Stars pages.</summary>
[TestClass]
public sealed class RatingWebTests
{
    private static RunningGateway gateway = null!;
    private static HttpClient admin = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        gateway = await new GatewayStarter()
            .WithSqlite("ratings-web")
            .WithWeb("Password-123")
            .WithAdminApiToken("tests")
            .WithStation("st-a", "station-secret-1", "五一路工会驿站")
            .With("Gateway:Ratings:MonthlyJobEnabled", "false")
            .StartAsync();
        admin = gateway.CreateClient(gateway.AdminToken);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        admin.Dispose();
        await gateway.DisposeAsync();
    }

    [TestMethod]
    public async Task ProfileApi_NamesProblemsInEitherLanguage_ThenSaves()
    {
        var bad = new { areaSquareMetres = -5, seats = 20, hasAed = true, services = new[] { "sauna" } };
        using var en = await admin.PutAsJsonAsync("/api/v1/stations/st-a/profile?lang=en", bad);
        Assert.AreEqual(HttpStatusCode.BadRequest, en.StatusCode);
        var enProblems = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        StringAssert.StartsWith(enProblems[0], "Area -5 m² is not valid; fix:");
        StringAssert.StartsWith(enProblems[1], "Service code \"sauna\" is unknown");
        using var zh = await admin.PutAsJsonAsync("/api/v1/stations/st-a/profile?lang=zh-CN", bad);
        StringAssert.Contains(await zh.Content.ReadAsStringAsync(), "面积 -5 平方米无效");

        using var ok = await admin.PutAsJsonAsync("/api/v1/stations/st-a/profile", new { areaSquareMetres = 35.5, seats = 24, hasAed = true, services = new[] { "legalAid", "microwave" } });
        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode, await ok.Content.ReadAsStringAsync());
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/v1/stations/st-a/profile");
        Assert.AreEqual(35.5, read.GetProperty("areaSquareMetres").GetDouble());
        CollectionAssert.AreEqual(new[] { "microwave", "legalAid" }, read.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToArray());
        var page = await admin.GetStringAsync("/admin/stations/st-a/profile");
        StringAssert.Contains(page, "value=\"legalAid\" checked");
    }

    [TestMethod]
    public async Task RateAMonth_StoresIt_AndTheStarsPagesShowIt()
    {
        var database = gateway.Get<StationDatabase>();
        await using (var connection = await database.OpenAsync())
        {
            for (var day = new DateOnly(2026, 3, 1); day.Month == 3; day = day.AddDays(1))
            {
                await Dapper.SqlMapper.ExecuteAsync(connection,
                    """
                    INSERT INTO rollups_daily (station_id, local_date, time_zone, visits, litres, charging_sessions, charging_wh, open_minutes,
                        scheduled_minutes, open_in_schedule_minutes, opened_on_time, dispenser_available_minutes, outlets_available_minutes,
                        climate_available_minutes, expected_device_minutes, comfort_minutes, hot_minutes, cold_minutes, telemetry_received,
                        telemetry_expected, safety_trips, computed_at_ms)
                    VALUES ('st-a', @day, 'Asia/Shanghai', 20, 15.5, 5, 800, 1440, 1440, 1440, 1, 1440, 1440, 1440, 1440, 1400, 0, 0, 1440, 1440, 0, 0)
                    """,
                    new { day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            }
        }

        using var bad = await admin.PostAsync("/api/v1/ratings/runs?month=2026-13", null);
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode);
        using var run = await admin.PostAsync("/api/v1/ratings/runs?month=2026-03", null);
        Assert.AreEqual(HttpStatusCode.OK, run.StatusCode, await run.Content.ReadAsStringAsync());
        Assert.IsGreaterThanOrEqualTo(1, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stations").GetInt32());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/ratings?month=2026-03");
        var only = list.EnumerateArray().Single(r => r.GetProperty("stationId").GetString() == "st-a");
        Assert.AreEqual("st-a", only.GetProperty("stationId").GetString());
        Assert.AreEqual("default", only.GetProperty("rubricId").GetString());

        var index = await admin.GetStringAsync("/ratings");
        StringAssert.Contains(index, "data-stored=\"true\"");
        StringAssert.Contains(index, "2026-03-01..2026-03-31");
        var station = await admin.GetStringAsync("/ratings/stations/st-a");
        StringAssert.Contains(station, "id=\"rating-months\"");
        StringAssert.Contains(station, "href=\"/admin/stations/st-a/profile\"");
    }

    [TestMethod]
    public async Task DemoSeeder_GivesEveryStationAPlausibleProfile_OneInFourFiveStarReady()
    {
        await gateway.Get<Stations.Gateway.Web.Demo.DemoSeeder>().SeedAsync();
        var profiles = await gateway.Get<Stations.Gateway.Ratings.StationProfileStore>().ListAsync();
        var demo = profiles.Values.Where(p => p.StationId.StartsWith("sim-", StringComparison.Ordinal)).ToList();
        Assert.HasCount(24, demo);
        var ready = demo.Where(p => Stations.Ratings.Engine.RatingEngine.Shortfalls(Stations.Ratings.Rubrics.Rubric.Default.ProfileGates.Single(),
            Stations.Gateway.Ratings.StationProfileStore.Apply(new Stations.Ratings.Inputs.StationProfile { StationId = p.StationId }, p)).Count == 0).ToList();
        Assert.HasCount(6, ready);
        Assert.IsTrue(demo.All(p => p.AreaSquareMetres > 0 && p.Seats > 0 && p.ServiceCodes.Contains("microwave")));
    }
}
