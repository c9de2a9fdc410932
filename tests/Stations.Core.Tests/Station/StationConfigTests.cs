using System.Text;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

[TestClass]
public sealed class StationConfigTests
{
    private static string FixtureDir(string kind) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "config", kind);

    private static bool Parse(string json, out StationConfig config, out string error)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        return StationConfig.TryParse(bytes, 0, bytes.Length, out config, out error);
    }

    public static IEnumerable<object[]> ValidFixtures() =>
        Directory.GetFiles(FixtureDir("valid"), "*.json").Select(f => new object[] { Path.GetFileName(f) });

    public static IEnumerable<object[]> InvalidFixtures() =>
        Directory.GetFiles(FixtureDir("invalid"), "*.json").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [TestMethod]
    [DynamicData(nameof(ValidFixtures))]
    public void ExampleConfigsAreValid(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(FixtureDir("valid"), file));
        Assert.IsTrue(StationConfig.TryParse(bytes, 0, bytes.Length, out StationConfig config, out string error), error);
        Assert.AreEqual(Crc32.ToHex(Crc32.Compute(bytes)), config.Hash);
        Assert.IsTrue(config.Outlets.Length > 0);
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFixtures))]
    public void InvalidConfigsAreRefusedWithTheExpectedMessage(string name)
    {
        string json = File.ReadAllText(Path.Combine(FixtureDir("invalid"), name + ".json"));
        string expected = File.ReadAllText(Path.Combine(FixtureDir("invalid"), name + ".error.txt"));
        Assert.IsFalse(Parse(json, out StationConfig config, out string error));
        Assert.IsNull(config);
        Assert.IsTrue(error.StartsWith(expected, StringComparison.Ordinal), "got: " + error);
        Assert.IsTrue(error.Length <= 200, "message over 200 characters: " + error);
    }

    [TestMethod]
    public void TheBriefsExampleMessageIsExact()
    {
        string json = File.ReadAllText(Path.Combine(FixtureDir("invalid"), "outlet-session-over-cap.json"));
        Parse(json, out _, out string error);
        Assert.AreEqual("outlets[2].maxSessionMinutes: 600 is above the hard cap 480; use 1..480", error);
    }

    [TestMethod]
    public void MinimalConfigGetsSafeDefaults()
    {
        Assert.IsTrue(Parse("{\"stationId\":\"gz-gy-0001\",\"outlets\":[{\"id\":\"ebike1\",\"relayPin\":21},{\"id\":\"phone1\",\"kind\":\"phone\",\"relayPin\":22}]}", out StationConfig c, out string error), error);
        Assert.AreEqual("Asia/Shanghai", c.TimeZone);
        Assert.AreEqual(480, c.UtcOffsetMinutes);
        Assert.IsTrue(c.Attended);
        Assert.AreEqual(60, c.TelemetrySeconds);
        Assert.IsTrue(c.Hours.IsOpen(6, 0) && c.Hours.IsOpen(2, 1439));
        OutletConfig e = c.Outlets[0];
        Assert.AreEqual(240, e.MaxSessionMinutes);
        Assert.AreEqual(45, e.WarnTempC);
        Assert.AreEqual(55, e.CutTempC);
        Assert.AreEqual(600, e.OverloadWatts);
        Assert.AreEqual(60, c.Outlets[1].OverloadWatts);
        Assert.IsTrue(c.Outlets[1].NoLoadWatts < c.Outlets[1].PlugWatts);
    }

    [TestMethod]
    public void DefaultConfigDrivesNothing()
    {
        StationConfig c = StationConfig.CreateDefault("gz-gy-0001");
        Assert.AreEqual(0, c.Outlets.Length + c.Dispensers.Length + c.Hvac.Length);
        Assert.IsNull(StationConfigValidator.Validate(c));
    }

    [TestMethod]
    public void KnownChineseZonesNeedNoOffset()
    {
        Assert.IsTrue(Parse("{\"stationId\":\"xj-wlmq-01\",\"timeZone\":\"Asia/Urumqi\"}", out StationConfig c, out _));
        Assert.AreEqual(360, c.UtcOffsetMinutes);
    }

    [TestMethod]
    public void HoursPastMidnightBelongToTheOpeningDay()
    {
        Assert.IsTrue(Parse("{\"stationId\":\"gz-gy-0001\",\"hours\":{\"fri\":\"20:00-08:00\"}}", out StationConfig c, out string error), error);
        Assert.IsTrue(c.Hours.IsOpen(4, 21 * 60));   // Friday 21:00
        Assert.IsTrue(c.Hours.IsOpen(5, 7 * 60));    // Saturday 07:00
        Assert.IsFalse(c.Hours.IsOpen(5, 9 * 60));   // Saturday 09:00
        Assert.IsFalse(c.Hours.IsOpen(4, 7 * 60));   // Friday 07:00 (Thursday was closed)
        Assert.IsFalse(c.Hours.IsOpen(0, 12 * 60));  // days left out are closed
    }

    [TestMethod]
    public void LocalTimeUsesTheFixedOffset()
    {
        Assert.IsTrue(Parse("{\"stationId\":\"gz-gy-0001\",\"hours\":{\"mon\":\"08:00-09:00\"}}", out StationConfig c, out _));
        // 2025-11-24 00:30 UTC is Monday 08:30 in UTC+8.
        long utc = new DateTimeOffset(2025, 11, 24, 0, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.IsTrue(c.Hours.IsOpenAtLocalMs(utc + (480 * 60000L)));
        Assert.IsFalse(c.Hours.IsOpenAtLocalMs(utc));
    }

    [TestMethod]
    public void ErrorsAreShortEnoughForTheRejectedEvent()
    {
        string id = new('a', 300);
        Assert.IsFalse(Parse("{\"stationId\":\"" + id + "\"}", out _, out string error));
        Assert.IsTrue(error.Length <= 200, error);
    }

    [TestMethod]
    public void TelemetrySizeIsBounded()
    {
        var outlets = string.Join(",", Enumerable.Range(0, 8).Select(i => "{\"id\":\"outlet-long-id-" + i + "\",\"relayPin\":" + (16 + i) + "}"));
        var probes = string.Join(",", Enumerable.Range(0, 8).Select(i => "{\"id\":\"probe-long-id-0" + i + "\",\"pin\":" + i + "}").Where((_, i) => i != 6 && i != 7));
        Assert.IsFalse(Parse("{\"stationId\":\"gz-gy-0001\",\"outlets\":[" + outlets + "],\"probes\":[" + probes + "],\"doors\":[{\"id\":\"door-long-id-000\",\"pin\":32},{\"id\":\"door-long-id-001\",\"pin\":33}]}", out _, out string error));
        StringAssert.Contains(error, "bytes of telemetry");
    }
}
