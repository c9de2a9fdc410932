using System.Text;
using Stations.Core.Protocol;

namespace Stations.Cli.Tests;

[TestClass]
public sealed class ConfigCommandTests
{
    public static IEnumerable<object[]> ValidFixtures =>
        Directory.GetFiles(Repo.BoardConfigs, "*.json").Order().Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> SharedValidFixtures =>
        Directory.GetFiles(Path.Combine(Repo.ConfigFixtures, "valid"), "*.json").Order().Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> InvalidFixtures =>
        Directory.GetFiles(Path.Combine(Repo.ConfigFixtures, "invalid"), "*.json").Order().Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(ValidFixtures))]
    public async Task Validate_valid_fixture_exits_0_with_the_station_hash(string name)
    {
        string path = Path.Combine(Repo.BoardConfigs, name);
        var run = await CliRun.Of("--lang", "en", "config", "validate", path);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        string hash = Crc32.ToHex(Crc32.Compute(File.ReadAllBytes(path)));
        StringAssert.Contains(run.Output, name + ": valid");
        StringAssert.Contains(run.Output, "cfg " + hash);
    }

    [TestMethod]
    [DynamicData(nameof(SharedValidFixtures))]
    public async Task Validate_refuses_pins_the_WROVER_board_cannot_use(string name)
    {
        // The shared fixtures pass the station's validator but use PSRAM, input-only or PZEM-bus pins.
        string path = Path.Combine(Repo.ConfigFixtures, "valid", name);
        var run = await CliRun.Of("--lang", "en", "config", "validate", path);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, name + ": The WROVER board cannot run this config:");
        StringAssert.Contains(run.Error, "use ");
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFixtures))]
    public async Task Validate_invalid_fixture_exits_1_with_the_validators_message(string name)
    {
        string path = Path.Combine(Repo.ConfigFixtures, "invalid", name);
        string expected = File.ReadAllText(Path.ChangeExtension(path, ".error.txt"), Encoding.UTF8).Trim();
        var run = await CliRun.Of("--lang", "en", "config", "validate", path);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, name + ": INVALID — " + expected);
        Assert.AreEqual("", run.Output);
    }

    [TestMethod]
    public async Task Validate_missing_file_exits_2_naming_the_path()
    {
        var run = await CliRun.Of("--lang", "en", "config", "validate", "/no/such/station.json");
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "/no/such/station.json: cannot read the file");
    }

    [TestMethod]
    public async Task Messages_are_chinese_by_default_and_english_from_LANG()
    {
        string path = Path.Combine(Repo.BoardConfigs, "busy-city-wrover.json");
        var zh = await CliRun.Of("config", "validate", path);
        StringAssert.Contains(zh.Output, "busy-city-wrover.json：有效");
        var en = await CliRun.Of(new Dictionary<string, string> { ["LANG"] = "en_US.UTF-8" }, "config", "validate", path);
        StringAssert.Contains(en.Output, "busy-city-wrover.json: valid");
        var flagWins = await CliRun.Of(new Dictionary<string, string> { ["LANG"] = "en_US.UTF-8" }, "--lang", "zh", "config", "validate", path);
        StringAssert.Contains(flagWins.Output, "有效");
    }

    [TestMethod]
    public async Task Help_is_localized()
    {
        var zh = await CliRun.Of("config", "--help");
        Assert.AreEqual(0, zh.ExitCode, zh.ToString());
        StringAssert.Contains(zh.Output, "用站点自身的校验器和 WROVER 主板的引脚规则检查站点配置");
        var en = await CliRun.Of("--lang", "en", "config", "--help");
        StringAssert.Contains(en.Output, "Validate a station config with the station's own validator");
    }

    [TestMethod]
    public async Task Usage_errors_exit_2()
    {
        Assert.AreEqual(2, (await CliRun.Of("config", "validate")).ExitCode);
        Assert.AreEqual(2, (await CliRun.Of("bogus")).ExitCode);
        Assert.AreEqual(2, (await CliRun.Of("--lang", "fr", "config", "validate", "x.json")).ExitCode);
    }

    [TestMethod]
    public async Task Diff_of_a_file_with_itself_exits_0_and_prints_the_hash_twice()
    {
        string path = Path.Combine(Repo.BoardConfigs, "busy-city-wrover.json");
        string hash = Crc32.ToHex(Crc32.Compute(File.ReadAllBytes(path)));
        var run = await CliRun.Of("--lang", "en", "config", "diff", path, path);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(2, run.Output.Split("cfg " + hash).Length - 1, run.ToString());
        StringAssert.Contains(run.Output, "No field differences.");
    }

    [TestMethod]
    public async Task Diff_lists_changed_added_and_removed_fields_keyed_by_device_id()
    {
        using var dir = new TempDir();
        string a = dir.Write("a.json", """{ "stationId": "gz-gy-0001", "telemetrySeconds": 60, "outlets": [ { "id": "phone1", "kind": "phone", "relayPin": 23 }, { "id": "ebike1", "kind": "ebike", "relayPin": 33 } ] }""");
        string b = dir.Write("b.json", """{ "stationId": "gz-gy-0001", "telemetrySeconds": 120, "attended": false, "outlets": [ { "id": "ebike1", "kind": "ebike", "relayPin": 32 }, { "id": "phone1", "kind": "phone", "relayPin": 23 } ] }""");
        var run = await CliRun.Of("--lang", "en", "config", "diff", a, b);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var rows = run.Output.Split('\n').Where(l => l.StartsWith('│')).Select(l => string.Join(' ', l.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))).ToList();
        CollectionAssert.AreEqual(new[] { "Field a.json b.json", "attended (absent) false", "outlets[ebike1].relayPin 33 32", "telemetrySeconds 60 120" }, rows, run.ToString());
        StringAssert.Contains(run.Output, "3 field(s) differ.");
    }

    [TestMethod]
    public async Task Diff_of_a_file_that_is_not_json_exits_2()
    {
        using var dir = new TempDir();
        string a = dir.Write("a.json", "{ \"stationId\": ");
        string b = dir.Write("b.json", "{}");
        var run = await CliRun.Of("--lang", "en", "config", "diff", a, b);
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "a.json: not valid JSON");
    }
}
