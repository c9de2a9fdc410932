using System.Text;
using Stations.Core.Station;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;

namespace Stations.Cli.Tests;

/// <summary>`provision` against the real gateway: idempotent registration, credentials once, config from the template, pin checks.</summary>
[TestClass]
public sealed class ProvisionCommandTests
{
    private static GatewayHost gateway = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        gateway = await GatewayHost.StartAsync();
        await gateway.AddUserAsync("tech1", WebRoles.Technician);
        await gateway.AddUserAsync("manager1", WebRoles.StationManager);
    }

    [ClassCleanup]
    public static async Task Stop() => await gateway.DisposeAsync();

    private static Task<CliRun> Provision(string folder, params string[] extra) =>
        CliRun.Of(["--lang", "en", "provision", .. extra, "--out", folder, "--gateway", gateway.BaseAddress.ToString(), "--no-input"]);

    private static string Password(string provisionTxt) =>
        File.ReadAllLines(provisionTxt).Single(l => l.StartsWith("mqtt.password=", StringComparison.Ordinal))["mqtt.password=".Length..];

    [TestMethod]
    public async Task New_station_is_registered_with_its_config_and_credentials_once()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0101", "--token", gateway.Token, "--name", "贵阳市云岩区工会驿站",
            "--devices", "door1,water1,probe1,ebike1,phone1", "--hours", "mon=08:00-20:00,sat=09:00-13:00", "--wifi-ssid", "Station-WiFi", "--wifi-password", "wifi-pass-1");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "registered now");
        StringAssert.Contains(run.Output, "issued, written to");

        byte[] config = File.ReadAllBytes(Path.Combine(dir.Path, "station.json"));
        Assert.IsTrue(StationConfig.TryParse(config, 0, config.Length, out var parsed, out string error), error);
        Assert.AreEqual("gz-gy-0101", parsed.StationId);
        Assert.AreEqual("贵阳市云岩区工会驿站", parsed.Name);
        CollectionAssert.AreEqual(new[] { "ebike1", "phone1" }, parsed.Outlets.Select(o => o.Id).ToArray());
        Assert.AreEqual(0, parsed.Hvac.Length, "ac1 is not fitted");
        Assert.IsNull(parsed.Sign);
        Assert.AreEqual(23, parsed.Dispensers[0].ValvePin, "pins come from the board's pin map");
        StringAssert.Contains(run.Output, "cfg " + parsed.Hash);

        string provision = Path.Combine(dir.Path, "provision.txt");
        string text = File.ReadAllText(provision);
        StringAssert.Contains(text, "station.id=gz-gy-0101\n");
        StringAssert.Contains(text, "wifi.ssid=Station-WiFi\n");
        StringAssert.Contains(text, "mqtt.port=" + gateway.BrokerPort + "\n");
        if (!OperatingSystem.IsWindows())
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provision), "the secrets file is owner-only");
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0101", Password(provision)), "the broker accepts the written password");

        var saved = await gateway.Get<StationConfigService>().CurrentAsync("gz-gy-0101");
        Assert.AreEqual(parsed.Hash, StationConfigService.HashOf(saved!), "the gateway keeps the same config");
    }

    [TestMethod]
    public async Task Rerunning_changes_nothing_and_never_shows_the_password_again()
    {
        using var dir = new TempDir();
        string[] answers = ["gz-gy-0102", "--token", gateway.Token, "--name", "驿站 0102", "--devices", "door1,water1"];
        var first = await Provision(dir.Path, answers);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        string provision = Path.Combine(dir.Path, "provision.txt");
        byte[] provisionBefore = File.ReadAllBytes(provision);
        byte[] configBefore = File.ReadAllBytes(Path.Combine(dir.Path, "station.json"));

        var again = await Provision(dir.Path, answers);

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Output, "already registered");
        StringAssert.Contains(again.Output, "unchanged, kept in");
        CollectionAssert.AreEqual(provisionBefore, File.ReadAllBytes(provision));
        CollectionAssert.AreEqual(configBefore, File.ReadAllBytes(Path.Combine(dir.Path, "station.json")));
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0102", Password(provision)), "the password was not changed");
    }

    [TestMethod]
    public async Task Lost_credentials_need_an_explicit_rotation()
    {
        using var dir = new TempDir();
        string[] answers = ["gz-gy-0103", "--token", gateway.Token, "--devices", "door1"];
        Assert.AreEqual(0, (await Provision(dir.Path, answers)).ExitCode);
        string provision = Path.Combine(dir.Path, "provision.txt");
        string oldPassword = Password(provision);
        File.Delete(provision);

        var refused = await Provision(dir.Path, answers);
        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "run again with --rotate-credentials");
        Assert.IsFalse(File.Exists(provision));
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0103", oldPassword), "nothing changed silently");

        var rotated = await Provision(dir.Path, [.. answers, "--rotate-credentials"]);
        Assert.AreEqual(0, rotated.ExitCode, rotated.ToString());
        StringAssert.Contains(rotated.Output, "ROTATED");
        string newPassword = Password(provision);
        Assert.AreNotEqual(oldPassword, newPassword);
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0103", newPassword));
        Assert.IsFalse(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0103", oldPassword));
    }

    [TestMethod]
    public async Task Pins_the_WROVER_board_cannot_use_stop_before_anything_is_registered()
    {
        using var dir = new TempDir();
        string template = dir.Write("template.json", """
            {"stationId":"x","doors":[{"id":"door1","pin":16}],"outlets":[{"id":"ebike1","relayPin":22,"meterAddress":1}]}
            """);
        var run = await Provision(Path.Combine(dir.Path, "out"), "gz-gy-0104", "--token", gateway.Token, "--template", template);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "door1: GPIO 16 drives the PSRAM on the WROVER module");
        StringAssert.Contains(run.Error, "ebike1: GPIO 22 is the PZEM-004T power-meter bus");
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-gy-0104"));
        Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "out")), "no files either");
    }

    [TestMethod]
    public async Task An_invalid_config_is_refused_with_the_validators_message()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0105", "--token", gateway.Token, "--hours", "mon=25:00-26:00");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "station.json: INVALID — hours.mon");
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-gy-0105"));
    }

    [TestMethod]
    public async Task Unknown_device_is_a_usage_error()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0106", "--token", gateway.Token, "--devices", "door1,rocket1");
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--devices: rocket1 not in the template; choose from sign, beam1, door1");
    }

    [TestMethod]
    public async Task Technician_signs_in_with_name_and_password()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0107", "--user", "tech1", "--password", "Password-123", "--devices", "door1");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsNotNull(await gateway.Get<StationRegistry>().FindAsync("gz-gy-0107"));
    }

    [TestMethod]
    public async Task Password_comes_from_the_environment()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["STATIONS_USER"] = "tech1", ["STATIONS_PASSWORD"] = "Password-123" };
        var run = await CliRun.Of(env, "provision", "gz-gy-0108", "--devices", "door1", "--out", dir.Path, "--gateway", gateway.BaseAddress.ToString(), "--no-input");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "新登记");
    }

    [TestMethod]
    public async Task Wrong_password_exits_4()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0109", "--user", "tech1", "--password", "wrong-password", "--devices", "door1");
        Assert.AreEqual(4, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "The gateway refused the sign-in: Unknown user name or wrong password.");
    }

    [TestMethod]
    public async Task Station_managers_may_not_provision()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0110", "--user", "manager1", "--password", "Password-123", "--devices", "door1");
        Assert.AreEqual(4, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "Only technicians and administrators may provision stations.");
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-gy-0110"));
    }

    [TestMethod]
    public async Task Region_is_found_by_name_and_kept_on_a_rerun()
    {
        using var dir = new TempDir();
        var regions = gateway.Get<Stations.Gateway.Web.Regions.RegionStore>();
        long region = await regions.CreateAsync("观山湖区", "观山湖区总工会", null);
        string[] answers = ["gz-gy-0111", "--token", gateway.Token, "--devices", "door1", "--region", "观山湖区"];
        Assert.AreEqual(0, (await Provision(dir.Path, answers)).ExitCode);
        await regions.PlaceStationAsync("gz-gy-0111", region, "观山湖区金阳南路 1 号");
        var again = await Provision(dir.Path, answers);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Output, "region " + region);
        Assert.AreEqual(region, (await regions.StationRegionsAsync())["gz-gy-0111"]);
        await using (var connection = await gateway.Get<Stations.Gateway.Storage.StationDatabase>().OpenAsync())
        {
            Assert.AreEqual("观山湖区金阳南路 1 号", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT address FROM station_regions WHERE station_id = 'gz-gy-0111'"), "the address stays");
        }

        var unknown = await Provision(dir.Path, ["gz-gy-0111", "--token", gateway.Token, "--devices", "door1", "--region", "火星"]);
        Assert.AreEqual(1, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Error, "region: '火星' is not a region of this gateway");
    }

    [TestMethod]
    public async Task Opens_and_closes_set_the_gateways_scheduled_hours_and_are_printed()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0112", "--token", gateway.Token, "--devices", "door1", "--opens", "07:00", "--closes", "21:00");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Scheduled hours");
        StringAssert.Contains(run.Output, "07:00–21:00");
        var record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0112");
        Assert.AreEqual((420, 1260), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));

        // A re-run with other hours changes them and nothing else; one without keeps them.
        string password = Password(Path.Combine(dir.Path, "provision.txt"));
        var again = await Provision(dir.Path, "gz-gy-0112", "--token", gateway.Token, "--devices", "door1", "--opens", "22:00", "--closes", "06:00");
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Output, "already registered");
        StringAssert.Contains(again.Output, "22:00–06:00 (overnight)");
        gateway.Get<StationRegistry>().Forget("gz-gy-0112");
        record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0112");
        Assert.AreEqual((1320, 360), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0112", password), "the password was not changed");

        var kept = await Provision(dir.Path, "gz-gy-0112", "--token", gateway.Token, "--devices", "door1");
        Assert.AreEqual(0, kept.ExitCode, kept.ToString());
        StringAssert.Contains(kept.Output, "22:00–06:00 (overnight)");
    }

    [TestMethod]
    public async Task Rotation_with_opens_and_closes_sets_them_with_the_new_password()
    {
        using var dir = new TempDir();
        string[] answers = ["gz-gy-0113", "--token", gateway.Token, "--devices", "door1"];
        Assert.AreEqual(0, (await Provision(dir.Path, [.. answers, "--opens", "07:00", "--closes", "21:00"])).ExitCode);
        var rotated = await Provision(dir.Path, [.. answers, "--rotate-credentials", "--opens", "09:00", "--closes", "18:00"]);
        Assert.AreEqual(0, rotated.ExitCode, rotated.ToString());
        StringAssert.Contains(rotated.Output, "ROTATED");
        StringAssert.Contains(rotated.Output, "09:00–18:00");
        var record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0113");
        Assert.AreEqual((540, 1080), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));
        Assert.IsTrue(await gateway.Get<StationRegistry>().VerifyAsync("gz-gy-0113", Password(Path.Combine(dir.Path, "provision.txt"))));
    }

    [TestMethod]
    public async Task One_daily_window_in_hours_is_also_the_gateways_schedule_unless_opens_and_closes_say_otherwise()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0116", "--token", gateway.Token, "--devices", "door1", "--hours", "07:30-20:00");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "07:30–20:00");
        var record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0116");
        Assert.AreEqual((450, 1200), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));

        using var other = new TempDir();
        var explicitHours = await Provision(other.Path, "gz-gy-0117", "--token", gateway.Token, "--devices", "door1", "--hours", "08:00-20:00", "--opens", "06:00", "--closes", "22:00");
        Assert.AreEqual(0, explicitHours.ExitCode, explicitHours.ToString());
        record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0117");
        Assert.AreEqual((360, 1320), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));

        // Per-day hours have no single daily window: the gateway's schedule stays as it was (all day for a new station).
        using var third = new TempDir();
        var perDay = await Provision(third.Path, "gz-gy-0118", "--token", gateway.Token, "--devices", "door1", "--hours", "mon=08:00-20:00,sat=09:00-13:00");
        Assert.AreEqual(0, perDay.ExitCode, perDay.ToString());
        record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0118");
        Assert.AreEqual((0, 1440), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));
    }

    [TestMethod]
    public async Task Without_opens_and_closes_a_new_station_is_scheduled_all_day_and_told_so()
    {
        using var dir = new TempDir();
        var run = await Provision(dir.Path, "gz-gy-0114", "--token", gateway.Token, "--devices", "door1");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "00:00–24:00 (all day; set the real hours with --opens/--closes");
        var record = await gateway.Get<StationRegistry>().FindAsync("gz-gy-0114");
        Assert.AreEqual((0, 1440), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));
    }

    [TestMethod]
    [DataRow("en", new[] { "--opens", "7:00", "--closes", "21:00" }, "--opens 7:00: write HH:mm from 00:00 to 24:00, e.g. 07:00.")]
    [DataRow("en", new[] { "--opens", "07:00", "--closes", "24:30" }, "--closes 24:30: write HH:mm from 00:00 to 24:00, e.g. 07:00.")]
    [DataRow("en", new[] { "--opens", "07:00" }, "--opens needs --closes too: give both (e.g. --opens 07:00 --closes 21:00), or neither to keep the station's scheduled hours.")]
    [DataRow("en", new[] { "--closes", "21:00" }, "--closes needs --opens too")]
    [DataRow("zh", new[] { "--opens", "07:00", "--closes", "9pm" }, "--closes 9pm：请写成 HH:mm，从 00:00 到 24:00，例如 07:00。")]
    [DataRow("zh", new[] { "--opens", "07:00" }, "--opens 需要同时给 --closes")]
    public async Task Bad_opening_hours_stop_before_anything_is_sent(string language, string[] hours, string message)
    {
        using var dir = new TempDir();
        string output = Path.Combine(dir.Path, "out");
        var run = await CliRun.Of(["--lang", language, "provision", "gz-gy-0115", "--token", gateway.Token, "--devices", "door1", .. hours,
            "--out", output, "--gateway", gateway.BaseAddress.ToString(), "--no-input"]);
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, message);
        Assert.IsNull(await gateway.Get<StationRegistry>().FindAsync("gz-gy-0115"));
        Assert.IsFalse(Directory.Exists(output), "no files either");
    }

    [TestMethod]
    public void The_cli_accepts_exactly_the_times_the_gateway_accepts()
    {
        foreach (var text in new[] { "00:00", "07:05", "23:59", "24:00", " 21:00 ", "7:00", "24:01", "24:30", "25:00", "07:60", "-01:00", "07:00:00", "0700", "9pm", "", " " })
        {
            bool gatewayAccepts = Stations.Gateway.Web.Localization.OpeningHours.TryParseMinute(text, out int minute);
            Assert.AreEqual(gatewayAccepts ? minute : null, Provisioning.ScheduledHours.Minute(text), "'" + text + "'");
        }
    }

    [TestMethod]
    public void Help_describes_opens_and_closes_in_both_languages()
    {
        foreach (var (language, opens, closes) in new[] { ("en", "Scheduled opening time on the gateway", "at or before --opens means overnight"), ("zh", "网关上的计划开门时间", "表示跨夜") })
        {
            var context = new CliContext(TextWriter.Null, TextWriter.Null, Localization.CliText.Choose(["--lang", language], _ => null), _ => null);
            var provision = CliApp.BuildRoot(context).Subcommands.Single(c => c.Name == "provision");
            StringAssert.Contains(provision.Options.Single(o => o.Name == "--opens").Description, opens);
            StringAssert.Contains(provision.Options.Single(o => o.Name == "--closes").Description, closes);
        }
    }

    [TestMethod]
    public void The_standard_board_template_passes_the_pin_check_and_the_validator()
    {
        byte[] config = Provisioning.StationTemplate.StandardBoard().Fill(new Provisioning.StationAnswers("gz-gy-0199", null, null, null, null, null, null));
        Assert.IsTrue(StationConfig.TryParse(config, 0, config.Length, out var parsed, out string error), error + "\n" + Encoding.UTF8.GetString(config));
        Assert.AreEqual(0, Provisioning.WroverPinCheck.Check(parsed).Count, string.Join("; ", Provisioning.WroverPinCheck.Check(parsed)));
        Assert.AreEqual(3, parsed.Outlets.Length);
    }
}
