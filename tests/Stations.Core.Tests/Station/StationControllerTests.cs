using System.Text.Json;
using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

[TestClass]
public sealed class StationControllerTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "config", "valid", name));

    private static string Telemetry(StationController c)
    {
        var w = new JsonWriter(1024);
        w.BeginObject();
        c.WriteTelemetryBody(w);
        w.EndObject();
        Assert.IsFalse(w.Overflowed);
        return w.ToString();
    }

    [TestMethod]
    public void TelemetryBodyHasExactlyTheProtocolFields()
    {
        var h = new StationHarness(Fixture("busy-city.json"));
        h.Hardware.Sensor("probe1").TemperatureC = 24.46;
        h.Hardware.Sensor("probe2").Fail = true;
        h.Run(3000);
        using var doc = JsonDocument.Parse(Telemetry(h.Controller));
        var root = doc.RootElement;
        CollectionAssert.AreEquivalent(
            new[] { "open", "cnt", "clim", "door", "disp", "out", "hvac" },
            root.EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEquivalent(new[] { "vis", "l", "ses", "wh" }, root.GetProperty("cnt").EnumerateObject().Select(p => p.Name).ToArray());
        var clim = root.GetProperty("clim");
        Assert.AreEqual(24.5, clim[0].GetProperty("t").GetDouble());
        Assert.AreEqual("stale", clim[1].GetProperty("err").GetString());
        Assert.AreEqual(5, root.GetProperty("out").GetArrayLength());
        Assert.AreEqual("idle", root.GetProperty("out")[0].GetProperty("st").GetString());
        Assert.AreEqual("ok", root.GetProperty("disp")[0].GetProperty("st").GetString());
        Assert.AreEqual("cool", root.GetProperty("hvac")[0].GetProperty("mode").GetString());
        Assert.IsFalse(root.GetProperty("door")[0].GetProperty("open").GetBoolean());
    }

    [TestMethod]
    public void ExampleStationsFitTheTelemetryLimitInTheWorstCase()
    {
        foreach (string name in new[] { "busy-city.json", "quiet-suburban.json", "smart-24h-unattended.json" })
        {
            var h = new StationHarness(Fixture(name));
            foreach (var m in h.Hardware.Meters.Values) { m.PowerWatts = 3999.99; }
            foreach (var t in h.Hardware.Temperatures.Values) { t.TemperatureC = 44.44; }
            h.Run(5000);
            string body = Telemetry(h.Controller);
            // Envelope {"v":1,"boot":"9f3a1c07","seq":2147483647,"up":9007199254740992,"ts":1763903594877, ... ,"q":99999}
            Assert.IsTrue(body.Length + 100 <= 1024, name + ": " + body.Length);
        }
    }

    [TestMethod]
    public void ConfigSetAppliesPersistsAndRestartsDevicesSafely()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21}]}""");
        FakeMeter meter = h.Hardware.Meter("ebike1");
        meter.BehindRelay = h.Hardware.Output("ebike1", "relay");
        h.Run(3000);
        meter.PowerWatts = 100;
        h.Run(5000);
        var store = new MemoryConfigStore();
        string json = """{"stationId":"gz-gy-0001","attended":false,"outlets":[{"id":"ebike1","relayPin":21,"maxSessionMinutes":120}]}""";
        var r = h.SetConfig(json, store);
        Assert.AreEqual("done", r.Code, r.Detail);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 cmd"), "a running session ends before the devices are rebuilt");
        Assert.IsTrue(h.Events.Has("config.applied " + h.Controller.Config.Hash));
        Assert.IsFalse(h.Hardware.Output("ebike1", "relay").On);
        Assert.AreEqual(120, h.Controller.Config.Outlets[0].MaxSessionMinutes);
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(json), store.Saved);
        Assert.AreEqual(Crc32.ToHex(Crc32.Compute(store.Saved!)), h.Controller.Config.Hash);
        Assert.AreEqual("done", h.SetConfig(json, store).Code);
        Assert.AreEqual(1, h.Events.Count("config.applied"), "the same config again changes nothing");
    }

    [TestMethod]
    public void InvalidConfigIsRefusedAndTheOldOneStays()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21}]}""");
        string old = h.Controller.Config.Hash;
        var store = new MemoryConfigStore();
        var r = h.SetConfig("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21,"maxSessionMinutes":600}]}""", store);
        Assert.AreEqual("bad-args", r.Code);
        Assert.AreEqual("outlets[0].maxSessionMinutes: 600 is above the hard cap 480; use 1..480", r.Detail);
        Assert.IsTrue(h.Events.Has("config.rejected "));
        Assert.AreEqual(old, h.Controller.Config.Hash);
        Assert.IsNull(store.Saved);

        r = h.SetConfig("""{"stationId":"gz-gy-0002"}""", store);
        Assert.AreEqual("bad-args", r.Code);
        StringAssert.StartsWith(r.Detail, "stationId: 'gz-gy-0002' is not this station");

        store.FailWrites = true;
        r = h.SetConfig("""{"stationId":"gz-gy-0001"}""", store);
        Assert.AreEqual("failed", r.Code);
        Assert.AreEqual(old, h.Controller.Config.Hash);
        Assert.AreEqual("failed", h.SetConfig("""{"stationId":"gz-gy-0001"}""", null).Code);
    }

    [TestMethod]
    public void RebootTurnsEverythingOffFirst()
    {
        var h = new StationHarness(Fixture("smart-24h-unattended.json"));
        foreach (var m in h.Hardware.Meters.Values) { m.PowerWatts = 100; }
        h.Run(10_000);
        Assert.IsTrue(h.Hardware.Outputs.Values.Any(o => o.On));
        var r = h.Command("reboot");
        Assert.AreEqual("done", r.Code);
        Assert.IsTrue(h.Controller.RebootRequested);
        Assert.IsFalse(h.Hardware.Outputs.Values.Any(o => o.On));
    }

    [TestMethod]
    public void SelfTestReportsEveryDevice()
    {
        var h = new StationHarness(Fixture("quiet-suburban.json"));
        h.Controller.StoreCheck = new Stations.Core.Link.FlashStoreCheck(new Link.FakeFlashStore());
        h.Run(3000);
        var r = h.Command("selftest");
        Assert.AreEqual("done", r.Code);
        var items = r.SelfTestItems!.Cast<SelfTestItem>().ToList();
        CollectionAssert.AreEquivalent(new[] { "door1", "water1", "probe1", "phone1", "ebike1", "store" }, items.Select(i => i.Device).ToArray());
        Assert.IsTrue(items.All(i => i.Ok), string.Join("; ", items.Select(i => i.Device + " " + i.Detail)));
    }

    [TestMethod]
    public void UnknownAndVersionCommandsAreNotOurs()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001"}""");
        Assert.AreEqual("unknown-command", h.Command("launch.rocket").Code);
        Assert.AreEqual("unknown-command", h.Command("version").Code);
    }

    [TestMethod]
    public void ImportantChangeIsSetAndCleared()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","doors":[{"id":"door1","pin":14}]}""");
        h.Run(500);
        h.Controller.ClearImportantChange();
        h.Run(500);
        Assert.IsFalse(h.Controller.ImportantChangePending);
        h.Hardware.Input("door1", "contact").Active = true;
        h.Run(500);
        Assert.IsTrue(h.Controller.ImportantChangePending);
        h.Controller.ClearImportantChange();
        Assert.IsFalse(h.Controller.ImportantChangePending);
    }

    [TestMethod]
    public void ExampleStationsRunADayWithoutSurprises()
    {
        foreach (string name in new[] { "busy-city.json", "quiet-suburban.json", "smart-24h-unattended.json" })
        {
            var h = new StationHarness(Fixture(name));
            h.Run(24 * 3600_000L, 1000);
            Assert.IsFalse(h.Events.Has("safety.trip"), name);
            Assert.IsFalse(h.Events.Has("alarm.raise"), name + ": " + string.Join("\n", h.Events.Lines.Where(l => l.StartsWith("alarm", StringComparison.Ordinal))));
        }
    }
}
