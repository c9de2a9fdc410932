using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;

namespace Stations.Cli.Tests;

/// <summary>
/// POST /api/v1/provisioning/stations with the scheduled opening hours (opens/closes): set on create, re-provision and
/// rotation, kept when not given, refused in both languages when only one is given or one is not HH:mm 00:00–24:00.
/// </summary>
[TestClass]
public sealed class ProvisioningHoursApiTests
{
    private static GatewayHost gateway = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _) => gateway = await GatewayHost.StartAsync();

    [ClassCleanup]
    public static async Task Stop() => await gateway.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Provision(object body, string language = "en")
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token);
        http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await http.PostAsJsonAsync("api/v1/provisioning/stations", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<StationRecord> Record(string stationId)
    {
        var registry = gateway.Get<StationRegistry>();
        registry.Forget(stationId);
        return await registry.FindAsync(stationId) ?? throw new AssertFailedException(stationId + " is not registered");
    }

    private static async Task<string?> LastAudit(string stationId)
    {
        await using var connection = await gateway.Get<StationDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT action || ' ' || detail FROM audit_log WHERE station_id = @stationId ORDER BY id DESC LIMIT 1", new { stationId });
    }

    private static void AssertHours(JsonElement body, string opens, string closes)
    {
        Assert.AreEqual(opens, body.GetProperty("opens").GetString(), body.ToString());
        Assert.AreEqual(closes, body.GetProperty("closes").GetString(), body.ToString());
    }

    [TestMethod]
    public async Task Both_given_on_a_new_station_are_its_hours_and_audited()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0001", opens = "07:00", closes = "21:00" });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        AssertHours(body, "07:00", "21:00");
        var record = await Record("gz-hr-0001");
        Assert.AreEqual((420, 1260), (record.ScheduleOpenMinute, record.ScheduleCloseMinute));
        StringAssert.Contains(await LastAudit("gz-hr-0001"), "station.provision name=gz-hr-0001 tz=Asia/Shanghai hours=07:00-21:00 region=-");
    }

    [TestMethod]
    public async Task Neither_given_is_all_day_for_a_new_station_and_keeps_an_existing_stations_hours()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0002" });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        AssertHours(body, "00:00", "24:00");
        Assert.AreEqual((0, 1440), ((await Record("gz-hr-0002")).ScheduleOpenMinute, (await Record("gz-hr-0002")).ScheduleCloseMinute));

        // Hours an administrator set on the web page survive a re-provision and a rotation that give none.
        await gateway.Get<StationRegistry>().RegisterAsync("gz-hr-0003", "secret-0003", "驿站 0003", "Asia/Shanghai", 480, 1200);
        (status, body) = await Provision(new { stationId = "gz-hr-0003", name = "驿站 0003 新名" });
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        AssertHours(body, "08:00", "20:00");
        (status, body) = await Provision(new { stationId = "gz-hr-0003", rotateCredentials = true });
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        AssertHours(body, "08:00", "20:00");
        var record = await Record("gz-hr-0003");
        Assert.AreEqual((480, 1200, "驿站 0003 新名"), (record.ScheduleOpenMinute, record.ScheduleCloseMinute, record.Name));
        StringAssert.Contains(await LastAudit("gz-hr-0003"), "station.rotate-credentials name=驿站 0003 新名 tz=Asia/Shanghai hours=08:00-20:00");
    }

    [TestMethod]
    public async Task One_without_the_other_is_refused_in_both_languages()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0004", opens = "07:00" });
        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        Assert.AreEqual("opening_hours_incomplete", body.GetProperty("code").GetString());
        Assert.AreEqual("opens: opens and closes go together (e.g. 07:00 and 21:00), or give neither to keep the station's hours; closes is missing.", body.GetProperty("error").GetString());

        (status, body) = await Provision(new { stationId = "gz-hr-0004", closes = "21:00", opens = " " }, "zh-CN");
        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        Assert.AreEqual("opening_hours_incomplete", body.GetProperty("code").GetString());
        Assert.AreEqual("closes：开门和关门时间须同时填写（opens 和 closes，例如 07:00 和 21:00），或都不填以保留现有营业时间；缺少 opens。", body.GetProperty("error").GetString());
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-hr-0004"), "nothing registered");
    }

    [TestMethod]
    [DataRow("7:00", "21:00", "opens", "7:00")]
    [DataRow("07:00", "24:01", "closes", "24:01")]
    [DataRow("25:00", "21:00", "opens", "25:00")]
    [DataRow("07:60", "21:00", "opens", "07:60")]
    [DataRow("07:00", "9pm", "closes", "9pm")]
    [DataRow("07:00:00", "21:00", "opens", "07:00:00")]
    [DataRow("07.00", "21:00", "opens", "07.00")]
    public async Task A_bad_time_is_refused_naming_the_field_the_value_and_the_form(string opens, string closes, string field, string value)
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0005", opens, closes });
        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        Assert.AreEqual("opening_hours_invalid", body.GetProperty("code").GetString());
        Assert.AreEqual($"{field}: '{value}' is not a time of day; write HH:mm from 00:00 to 24:00, e.g. 07:00.", body.GetProperty("error").GetString());

        (status, body) = await Provision(new { stationId = "gz-hr-0005", opens, closes }, "zh-CN");
        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        Assert.AreEqual("opening_hours_invalid", body.GetProperty("code").GetString());
        Assert.AreEqual($"{field}：“{value}”不是有效时间；请写成 HH:mm，从 00:00 到 24:00，例如 07:00。", body.GetProperty("error").GetString());
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-hr-0005"), "nothing registered");
    }

    [TestMethod]
    public async Task A_bad_time_leaves_an_existing_station_as_it_was()
    {
        Assert.AreEqual(HttpStatusCode.Created, (await Provision(new { stationId = "gz-hr-0006", opens = "07:00", closes = "21:00" })).Status);
        var (status, _) = await Provision(new { stationId = "gz-hr-0006", name = "改名", opens = "07:00", closes = "21:0" });
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        var record = await Record("gz-hr-0006");
        Assert.AreEqual((420, 1260, "gz-hr-0006"), (record.ScheduleOpenMinute, record.ScheduleCloseMinute, record.Name));
    }

    [TestMethod]
    public async Task Overnight_hours_close_the_next_morning()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0007", opens = "22:00", closes = "06:00" });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        AssertHours(body, "22:00", "06:00");
        var record = await Record("gz-hr-0007");
        Assert.AreEqual((1320, 360, 480), (record.ScheduleOpenMinute, record.ScheduleCloseMinute, record.ScheduledMinutesPerDay));
    }

    [TestMethod]
    public async Task The_whole_day_may_be_given_with_24_00_and_spaces_are_ignored()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0008", opens = " 00:00", closes = "24:00 " });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        AssertHours(body, "00:00", "24:00");
        Assert.AreEqual(1440, (await Record("gz-hr-0008")).ScheduledMinutesPerDay);
    }

    [TestMethod]
    public async Task Reprovisioning_changes_the_hours_and_keeps_the_password()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0009", opens = "07:00", closes = "21:00" });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        string password = body.GetProperty("credentials").GetProperty("password").GetString()!;

        (status, body) = await Provision(new { stationId = "gz-hr-0009", opens = "08:30", closes = "20:00" });
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        AssertHours(body, "08:30", "20:00");
        Assert.AreEqual(JsonValueKind.Null, body.GetProperty("credentials").ValueKind, "no credentials on a re-provision");
        var record = await Record("gz-hr-0009");
        Assert.AreEqual((510, 1200), (record.ScheduleOpenMinute, record.ScheduleCloseMinute));
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-hr-0009", password), "the password stays");
        StringAssert.Contains(await LastAudit("gz-hr-0009"), "station.reprovision name=gz-hr-0009 tz=Asia/Shanghai hours=08:30-20:00");
    }

    [TestMethod]
    public async Task Rotation_sets_the_given_hours_with_the_new_password()
    {
        var (status, body) = await Provision(new { stationId = "gz-hr-0010", opens = "07:00", closes = "21:00" });
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        string oldPassword = body.GetProperty("credentials").GetProperty("password").GetString()!;

        (status, body) = await Provision(new { stationId = "gz-hr-0010", rotateCredentials = true, opens = "09:00", closes = "18:00" });
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        AssertHours(body, "09:00", "18:00");
        string newPassword = body.GetProperty("credentials").GetProperty("password").GetString()!;
        var registry = gateway.Get<StationRegistry>();
        Assert.IsTrue(await registry.VerifyAsync("gz-hr-0010", newPassword));
        Assert.IsFalse(await registry.VerifyAsync("gz-hr-0010", oldPassword));
        var record = await Record("gz-hr-0010");
        Assert.AreEqual((540, 1080), (record.ScheduleOpenMinute, record.ScheduleCloseMinute));
        StringAssert.Contains(await LastAudit("gz-hr-0010"), "station.rotate-credentials name=gz-hr-0010 tz=Asia/Shanghai hours=09:00-18:00");
    }

    [TestMethod]
    public void Times_are_HH_mm_from_00_00_to_24_00_as_on_the_admin_page()
    {
        foreach (var (text, minute) in new (string, int)[] { ("00:00", 0), ("07:05", 425), ("23:59", 1439), ("24:00", 1440), (" 21:00 ", 1260) })
        {
            Assert.IsTrue(OpeningHours.TryParseMinute(text, out int parsed), text);
            Assert.AreEqual(minute, parsed, text);
            Assert.AreEqual(text.Trim(), OpeningHours.Format(parsed));
        }

        foreach (var text in new[] { null, "", " ", "7:00", "24:01", "24:30", "-01:00", "07:00:00", "0700", "７:00" })
            Assert.IsFalse(OpeningHours.TryParseMinute(text, out _), text ?? "null");
    }
}
