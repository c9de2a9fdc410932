using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Status;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// The status overview and alarm pages show times in each station's own time zone (one station in Asia/Kolkata,
/// +05:30, beside the Asia/Shanghai ones), and the overview and the active alarms page through many stations on the server.
/// </summary>
[TestClass]
public sealed class StatusPageTests
{
    // 2026-03-01 00:30 UTC = 08:30 in Shanghai (+08:00) = 06:00 in Kolkata (+05:30).
    static readonly long SeenMs = new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    static WebHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        host = await WebHost.StartAsync();
        await using var connection = await host.Get<StationDatabase>().OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO stations (station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, created_at_ms) VALUES (@id, @name, @zone, 'x', 1, 0, 1440, 0)",
            new[] { new { id = "st-in-01", name = "Kolkata test station", zone = "Asia/Kolkata" } }.Concat(
                Enumerable.Range(1, 230).Select(i => new { id = $"zz-bulk-{i:D4}", name = $"批量站点 {i:D4}", zone = "Asia/Shanghai" })));
        await connection.ExecuteAsync(
            "INSERT INTO alarms (station_id, code, device_id, severity, source, raised_at_ms, last_seen_ms, occurrences) VALUES (@id, 'door.left-open', 'door1', 'warn', 'station', 1, 1, 1)",
            Enumerable.Range(1, 150).Select(i => new { id = $"zz-bulk-{i:D4}" }));
        foreach (var id in new[] { "st-in-01", "st-nm-02" })
        {
            await connection.ExecuteAsync("INSERT INTO station_state (station_id, online, last_seen_ms) VALUES (@id, 0, @SeenMs)", new { id, SeenMs });
            await connection.ExecuteAsync(
                "INSERT INTO alarms (station_id, code, device_id, severity, source, raised_at_ms, last_seen_ms, occurrences) VALUES (@id, 'temp.high', 'probe1', 'warn', 'station', @SeenMs, @SeenMs, 1)",
                new { id, SeenMs });
        }
    }

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    static string Row(string html, string attribute, string value)
    {
        var match = Regex.Match(html, "<tr[^>]*" + attribute + "=\"[^\"]*\"[^>]*>(?:(?!</tr>).)*?" + Regex.Escape(value) + "(?:(?!</tr>).)*</tr>", RegexOptions.Singleline);
        return match.Success ? match.Value : "";
    }

    [TestMethod]
    public async Task Overview_and_alarms_show_each_stations_own_local_time()
    {
        using var admin = new WebSession(host.BaseAddress);
        Assert.IsTrue(await admin.SignInAsync("admin"));
        var overview = (await admin.GetAsync("/?q=st-")).Body;
        StringAssert.Contains(Row(overview, "data-station", "st-in-01"), "2026-03-01 06:00");
        StringAssert.Contains(Row(overview, "data-station", "st-nm-02"), "2026-03-01 08:30");

        var alarms = (await admin.GetAsync("/alarms")).Body;
        StringAssert.Contains(Row(alarms, "data-alarm", "Kolkata test station"), "2026-03-01 06:00");
        StringAssert.Contains(Row(alarms, "data-alarm", "南明区花果园工会驿站"), "2026-03-01 08:30");
    }

    [TestMethod]
    public async Task Overview_pages_through_many_stations_and_counts_them_all()
    {
        using var admin = new WebSession(host.BaseAddress);
        Assert.IsTrue(await admin.SignInAsync("admin"));
        var first = (await admin.GetAsync("/")).Body;
        Assert.AreEqual("234", WebSession.Text(first, "count-total"));
        Assert.AreEqual(StatusOverview.PageSize, Regex.Count(first, "<tr data-station="));
        Assert.AreEqual($"第 1–{StatusOverview.PageSize} 个，共 234 个站点", WebSession.Text(first, "page-info"));

        var last = (await admin.GetAsync("/?show=all&p=3")).Body;
        Assert.AreEqual(234 - (2 * StatusOverview.PageSize), Regex.Count(last, "<tr data-station="));
        StringAssert.Contains(last, "id=\"page-prev\"");
        Assert.IsFalse(last.Contains("id=\"page-next\"", StringComparison.Ordinal));

        var search = (await admin.GetAsync("/?q=bulk-0007")).Body;
        Assert.AreEqual(1, Regex.Count(search, "<tr data-station="));
        Assert.AreEqual("234", WebSession.Text(search, "count-total"), "the cards count every station in scope");

        var alarms = (await admin.GetAsync("/alarms")).Body;
        Assert.AreEqual("152", WebSession.Text(alarms, "active-count"));
        Assert.AreEqual(100, Regex.Count(alarms, "<tr data-alarm="));
        Assert.AreEqual(52, Regex.Count((await admin.GetAsync("/alarms?p=2")).Body, "<tr data-alarm="));

        // A manager still sees only their own station, whatever the page size.
        using var manager = new WebSession(host.BaseAddress);
        Assert.IsTrue(await manager.SignInAsync("manager"));
        var own = (await manager.GetAsync("/?p=9")).Body;
        Assert.AreEqual(1, Regex.Count(own, "<tr data-station="));
        Assert.AreEqual("1", WebSession.Text(own, "count-total"));
        Assert.AreEqual(HttpStatusCode.OK, (await manager.GetAsync("/?show=bogus&region=999")).Status);
    }
}
