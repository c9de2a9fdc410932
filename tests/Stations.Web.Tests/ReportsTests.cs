using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Reports;
using Stations.Ratings.Delivery;
using Stations.Testing;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>Union reports: download for a region in scope (GET /api/v1/reports), and scheduled reports mailed to a real SMTP server.</summary>
[TestClass]
public sealed class ReportsTests
{
    static WebHost host = null!;
    static Dictionary<string, long> regionIds = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = await WebHost.StartAsync();
        regionIds = (await host.Get<RegionStore>().ListAsync()).ToDictionary(r => r.Name, r => r.RegionId);
        // March 2026: every station open all day, visited, with full telemetry.
        var database = host.Get<StationDatabase>();
        await using var connection = await database.OpenAsync();
        foreach (var station in new[] { "st-nm-01", "st-nm-02", "st-yy-01" })
        {
            for (var day = new DateOnly(2026, 3, 1); day <= new DateOnly(2026, 3, 31); day = day.AddDays(1))
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO rollups_daily (station_id, local_date, time_zone, visits, litres, charging_sessions, charging_wh, open_minutes,
                        scheduled_minutes, open_in_schedule_minutes, opened_on_time, dispenser_available_minutes, outlets_available_minutes,
                        climate_available_minutes, expected_device_minutes, comfort_minutes, hot_minutes, cold_minutes, telemetry_received,
                        telemetry_expected, safety_trips, computed_at_ms)
                    VALUES (@station, @day, 'Asia/Shanghai', 20, 15.5, 5, 800, 1440, 1440, 1440, 1, 1440, 1440, 1440, 1440, 1400, 0, 0, 1440, 1440, 0, 0)
                    """,
                    new { station, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            }
        }
    }

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    HttpClient Client(string user)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens[user]);
        return client;
    }

    static List<IDictionary<string, object>> StationRows(byte[] xlsx, string sheet = "驿站明细")
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
    }

    [TestMethod]
    public async Task Xlsx_ForARegion_OpensWithItsStationRows()
    {
        using var admin = Client("admin");
        using var response = await admin.GetAsync($"/api/v1/reports?regionId={regionIds["南明区"]}&month=2026-03&format=xlsx");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        StringAssert.EndsWith(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, "2026-03-01_2026-03-31.xlsx");
        var rows = StationRows(await response.Content.ReadAsByteArrayAsync());
        CollectionAssert.AreEquivalent(new[] { "st-nm-01", "st-nm-02" }, rows.Select(r => (string)r["驿站编号"]).ToArray());
        var first = rows.Single(r => (string)r["驿站编号"] == "st-nm-01");
        Assert.AreEqual("南明区中华南路工会驿站", first["驿站名称"]);
        Assert.AreEqual(31 * 20.0, (double)first["到站人次"], 1e-9);
    }

    [TestMethod]
    public async Task Csv_InEnglish_ForTheWholeCity()
    {
        using var union = Client("union-gy");
        var bytes = await union.GetByteArrayAsync($"/api/v1/reports?regionId={regionIds["贵阳市"]}&from=2026-03-01&to=2026-03-15&format=csv&lang=en");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        StringAssert.Contains(text, "st-yy-01");
        StringAssert.Contains(text, "st-nm-02");
        StringAssert.Contains(text, "Visits");
        StringAssert.Contains(text, "南明区花果园工会驿站,贵州省,贵阳市,南明区,300,", "15 days × 20 visits");
    }

    [TestMethod]
    public async Task Scope_ManagerAndOfficeGetOnlyTheirOwn()
    {
        using var manager = Client("manager");
        Assert.AreEqual(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/reports?regionId={regionIds["云岩区"]}&month=2026-03")).StatusCode);
        var own = StationRows(await manager.GetByteArrayAsync($"/api/v1/reports?regionId={regionIds["南明区"]}&month=2026-03"));
        CollectionAssert.AreEqual(new[] { "st-nm-01" }, own.Select(r => (string)r["驿站编号"]).ToArray(), "a manager's report lists only its stations");
        using var union = Client("union-nm");
        Assert.AreEqual(HttpStatusCode.NotFound, (await union.GetAsync($"/api/v1/reports?regionId={regionIds["云岩区"]}&month=2026-03")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await union.GetAsync($"/api/v1/reports?regionId={regionIds["贵阳市"]}&month=2026-03")).StatusCode, "the parent region is outside the office's subtree");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/reports?regionId={regionIds["南明区"]}&month=2026-03")).StatusCode);
    }

    [TestMethod]
    public async Task BadRequest_NamesTheProblem()
    {
        using var admin = Client("admin");
        using var response = await admin.GetAsync($"/api/v1/reports?regionId={regionIds["南明区"]}&month=2026-03&format=docx");
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "use xlsx, csv or pdf");
    }

    [TestMethod]
    public async Task ScheduleDueNow_IsMailedToARealSmtpServer()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var store = host.Get<ReportScheduleStore>();
        var id = await store.CreateAsync(new StoredReportSchedule
        {
            RegionId = regionIds["南明区"],
            Cron = "0 8 1 * *",
            Format = "xlsx",
            Recipients = "nm-office@union.example",
            Language = "zh-CN",
            PeriodKind = "PreviousMonth",
            CreatedBy = "tests",
        });
        try
        {
            // 07:59 Beijing time on 1 April: the first pass only notes the schedule; at 08:00 it is due.
            var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));
            var runner = Runner(clock, new ReportSmtpOptions { Host = "127.0.0.1", Port = smtp.Port, From = "reports@union.example", Security = "None", TimeoutMs = 10_000 });
            Assert.IsTrue(runner.SmtpConfigured);
            Assert.IsEmpty(await runner.RunOnceAsync());
            clock.Advance(TimeSpan.FromMinutes(1));
            var deliveries = await runner.RunOnceAsync();

            var delivery = deliveries.Single();
            Assert.AreEqual(DeliveryStatus.Sent, delivery.Status, delivery.LastError);
            Assert.AreEqual("schedule-" + id.ToString(CultureInfo.InvariantCulture), delivery.ScheduleId);
            Assert.AreEqual("南明区总工会_2026-03-01_2026-03-31.xlsx", delivery.Attachments.Single());
            var mail = (await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30))).Single();
            StringAssert.Contains(File.ReadAllText(mail), "nm-office@union.example");
            var rows = StationRows(File.ReadAllBytes(runner.Outbox.AttachmentPath(delivery, delivery.Attachments[0])));
            Assert.HasCount(2, rows);
        }
        finally
        {
            await store.DeleteAsync(id);
        }
    }

    [TestMethod]
    public async Task WithoutSmtp_ReportsStayInTheOutbox()
    {
        var store = host.Get<ReportScheduleStore>();
        var id = await store.CreateAsync(new StoredReportSchedule { RegionId = regionIds["云岩区"], Cron = "*/5 * * * *", Format = "csv", Recipients = "yy@union.example", Language = "en", CreatedBy = "tests" });
        try
        {
            var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 2, 1, 1, 0, TimeSpan.Zero));
            var runner = Runner(clock, new ReportSmtpOptions());
            Assert.IsFalse(runner.SmtpConfigured);
            await runner.RunOnceAsync();
            clock.Advance(TimeSpan.FromMinutes(4));
            var delivery = (await runner.RunOnceAsync()).Single();
            Assert.AreEqual(DeliveryStatus.Pending, delivery.Status);
            Assert.AreEqual(0, delivery.Attempts);
            Assert.IsTrue(File.Exists(runner.Outbox.AttachmentPath(delivery, delivery.Attachments.Single())));
        }
        finally
        {
            await store.DeleteAsync(id);
        }
    }

    [TestMethod]
    public async Task InvalidSchedule_IsRefusedWithTheFix()
    {
        var store = host.Get<ReportScheduleStore>();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new StoredReportSchedule { RegionId = regionIds["南明区"], Cron = "every month", Format = "xlsx", Recipients = "a@union.example", CreatedBy = "tests" }));
        StringAssert.Contains(e.Message, "0 8 1 * *");
        e = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new StoredReportSchedule { RegionId = regionIds["南明区"], Cron = "0 8 1 * *", Format = "xlsx", Recipients = "not-an-address", CreatedBy = "tests" }));
        StringAssert.Contains(e.Message, "not-an-address");
        Assert.IsFalse((await store.ListAsync()).Any(s => s.Cron == "every month" || s.Recipients == "not-an-address"), "nothing is stored");
    }

    [TestMethod]
    [DataRow("zh-CN", "发送时间“every month”不是 cron 表达式", "时区“Mars/Olympus”未知")]
    [DataRow("en", "When \"every month\" is not a cron expression", "Time zone \"Mars/Olympus\" is unknown")]
    public async Task InvalidScheduleTimes_AreRefusedInTheAdministratorsLanguage(string culture, string badCron, string badZone)
    {
        var store = host.Get<ReportScheduleStore>();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new StoredReportSchedule { RegionId = regionIds["南明区"], Cron = "every month", Format = "xlsx", Recipients = "a@union.example", CreatedBy = "tests" }));
            StringAssert.Contains(e.Message, badCron);
            StringAssert.Contains(e.Message, "0 8 1 * *");
            e = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new StoredReportSchedule { RegionId = regionIds["南明区"], Cron = "0 8 1 * *", Format = "xlsx", Recipients = "a@union.example", TimeZone = "Mars/Olympus", CreatedBy = "tests" }));
            StringAssert.Contains(e.Message, badZone);
            StringAssert.Contains(e.Message, "Asia/Shanghai");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    static ReportDeliveryRunner Runner(TimeProvider clock, ReportSmtpOptions smtp) => new(
        host.Get<ReportScheduleStore>(),
        host.Get<RegionStore>(),
        host.Get<UnionReports>(),
        Options.Create(new ReportOptions { OutboxFolder = "outbox-" + Guid.NewGuid().ToString("N")[..8], Smtp = smtp }),
        Options.Create(new StorageOptions { DataFolder = host.Folder }),
        clock,
        NullLogger<ReportDeliveryRunner>.Instance);
}
