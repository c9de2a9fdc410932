using Stations.Core.Link;
using Stations.Core.Station;
using Stations.Core.Tests.Link;

namespace Stations.Core.Tests.Station;

/// <summary>`selftest`: every relay that is safe to click clicks, inputs are read, the flash store is written and read back.</summary>
[TestClass]
public sealed class SelfTestTests
{
    private const string Board = """
        {"stationId":"gz-gy-0001",
         "sign":{"id":"sign","pin":34},"beam":{"id":"beam1","pin":35},
         "doors":[{"id":"door1","pin":32}],
         "dispensers":[{"id":"water1","valvePin":23,"buttonPin":33,"flowPin":36}],
         "probes":[{"id":"probe1","pin":25,"pin2":26}],
         "hvac":[{"id":"ac1","pin":13,"probe":"probe1","minOffSeconds":30}],
         "outlets":[{"id":"ebike1","kind":"ebike","relayPin":19,"meterAddress":1,"tempPin":27},
                    {"id":"phone1","kind":"phone","relayPin":4,"meterAddress":3,"plugStart":false}]}
        """;

    private static (StationHarness H, FakeFlashStore Flash) Build(bool safeMode = false)
    {
        var h = new StationHarness(Board, safeMode);
        var flash = new FakeFlashStore();
        h.Controller.StoreCheck = new FlashStoreCheck(flash);
        return (h, flash);
    }

    private static Dictionary<string, SelfTestItem> Items(CommandResult r) =>
        r.SelfTestItems!.Cast<SelfTestItem>().ToDictionary(i => i.Device);

    [TestMethod]
    public void EveryRelayClicksAndEveryCheckPasses()
    {
        var (h, flash) = Build();
        h.Run(31_000);
        int valveOns = h.Hardware.Output("water1", "valve").OnGapsMs.Count;
        int acOns = h.Hardware.Output("ac1", "hvac").OnGapsMs.Count;
        int phoneOns = h.Hardware.Output("phone1", "relay").OnGapsMs.Count;
        Assert.IsTrue(h.Hardware.Output("ebike1", "relay").On, "ebike1 is armed (relay closed, sensing a plug)");

        var r = h.Command("selftest");

        Assert.AreEqual("done", r.Code);
        var items = Items(r);
        CollectionAssert.AreEquivalent(new[] { "sign", "beam1", "door1", "probe1", "water1", "ebike1", "phone1", "ac1", "store" }, items.Keys.ToArray());
        Assert.IsTrue(items.Values.All(i => i.Ok), string.Join("; ", items.Values.Select(i => i.Device + ": " + i.Detail)));
        StringAssert.StartsWith(r.Detail, "all 9 checks pass");
        Assert.AreEqual(valveOns + 1, h.Hardware.Output("water1", "valve").OnGapsMs.Count, "the valve clicked once");
        Assert.AreEqual(acOns + 1, h.Hardware.Output("ac1", "hvac").OnGapsMs.Count, "the hvac relay clicked once");
        Assert.AreEqual(phoneOns + 1, h.Hardware.Output("phone1", "relay").OnGapsMs.Count, "the open outlet relay clicked once");
        StringAssert.StartsWith(items["ebike1"].Detail, "clicked off (re-arms)");
        Assert.IsFalse(h.Hardware.Outputs.Values.Any(o => o.On), "every relay is open after the self-test");
        Assert.AreEqual("wrote and read 16 bytes", items["store"].Detail);
        Assert.AreEqual(0, flash.Names.Count, "the test file is removed");

        h.Run(3000);
        Assert.IsTrue(h.Hardware.Output("ebike1", "relay").On, "the armed outlet re-arms after its minimum interval");
    }

    [TestMethod]
    public void InputsAreReadNow()
    {
        var (h, _) = Build();
        h.Run(1000);
        h.Hardware.Input("door1", "contact").Active = true;
        var items = Items(h.Command("selftest"));
        Assert.AreEqual("contact reads open", items["door1"].Detail, "read now, not the debounced level of the last tick");
        Assert.AreEqual("beam reads clear", items["beam1"].Detail);
    }

    [TestMethod]
    public void ACharingOutletIsNotClickedAndFails()
    {
        var (h, _) = Build();
        h.Run(31_000);
        h.Hardware.Meter("ebike1").PowerWatts = 120;
        h.Run(5000);
        Assert.IsTrue(h.Controller.Outlets[0].IsCharging);

        var r = h.Command("selftest");

        var ebike = Items(r)["ebike1"];
        Assert.IsFalse(ebike.Ok);
        StringAssert.StartsWith(ebike.Detail, "not clicked: charging");
        Assert.IsTrue(h.Hardware.Output("ebike1", "relay").On, "the session goes on");
        StringAssert.StartsWith(r.Detail, "1 of 9 checks fail");
    }

    [TestMethod]
    public void ARelayInsideItsMinimumIntervalIsNotClicked()
    {
        var (h, _) = Build();
        h.Run(1000);
        var items = Items(h.Command("selftest"));
        Assert.IsFalse(items["ac1"].Ok);
        StringAssert.StartsWith(items["ac1"].Detail, "not clicked: compressor wait, retry in 29 s");
        Assert.AreEqual(0, h.Hardware.Output("ac1", "hvac").OnGapsMs.Count);
    }

    [TestMethod]
    public void SafeModeClicksNothing()
    {
        var (h, _) = Build(safeMode: true);
        h.Run(31_000);
        var items = Items(h.Command("selftest"));
        foreach (var id in new[] { "water1", "ebike1", "phone1", "ac1" })
        {
            Assert.AreEqual("not clicked: safe mode", items[id].Detail.Split(',')[0], id);
            Assert.IsFalse(items[id].Ok, id);
        }

        Assert.IsFalse(h.Hardware.Outputs.Values.Any(o => o.OnGapsMs.Count > 0), "no relay closed in safe mode");
    }

    [TestMethod]
    public void AFailingStoreFailsItsLine()
    {
        var (h, flash) = Build();
        h.Run(1000);
        flash.CutPowerAfter(0);
        var store = Items(h.Command("selftest"))["store"];
        Assert.IsFalse(store.Ok);
        StringAssert.StartsWith(store.Detail, "flash error: ");
    }

    [TestMethod]
    public void NoStoreCheckIsReportedAsAFailure()
    {
        var h = new StationHarness(Board);
        h.Run(1000);
        var store = Items(h.Command("selftest"))["store"];
        Assert.IsFalse(store.Ok);
        Assert.AreEqual("no store check on this board", store.Detail);
    }

    [TestMethod]
    public void The_size_estimate_is_never_below_the_real_json()
    {
        var items = new System.Collections.ArrayList
        {
            new SelfTestItem("door1", true, "contact reads closed"),
            new SelfTestItem("ebike1", false, "charging: stop it, unplug, retry, 120.0 W, 25.0 C"),
            new SelfTestItem("store", true, ""),
        };
        string json = System.Text.Json.JsonSerializer.Serialize(new { items = items.Cast<SelfTestItem>().Select(i => new { dev = i.Device, ok = i.Ok, detail = i.Detail }) });
        Assert.IsTrue(SelfTestBudget.JsonBytes(items) >= json.Length, SelfTestBudget.JsonBytes(items) + " < " + json.Length);
        Assert.IsTrue(SelfTestBudget.JsonBytes(items) - json.Length <= 2 * items.Count, "and close to it");
    }

    [TestMethod]
    public void Over_budget_the_failures_and_their_reasons_are_kept()
    {
        var items = new System.Collections.ArrayList();
        for (int i = 0; i < 30; i++)
            items.Add(new SelfTestItem("door" + i, true, "contact reads closed"));
        items.Add(new SelfTestItem("ebike1", false, "not clicked: 120.0 W load; unplug, retry, 25.0 C"));

        int dropped = SelfTestBudget.Fit(items);

        Assert.IsTrue(SelfTestBudget.JsonBytes(items) <= SelfTestBudget.DataBytes);
        Assert.AreEqual(30, dropped);
        var kept = (SelfTestItem)items[0]!;
        Assert.AreEqual("ebike1", kept.Device);
        StringAssert.StartsWith(kept.Detail, "not clicked: 120.0 W load");
    }

    [TestMethod]
    public void The_standard_board_fits_with_every_detail()
    {
        var (h, _) = Build();
        h.Run(31_000);
        var r = h.Command("selftest");
        Assert.AreEqual(9, r.SelfTestItems!.Count);
        Assert.IsTrue(SelfTestBudget.JsonBytes(r.SelfTestItems) <= SelfTestBudget.DataBytes);
        Assert.IsTrue(r.SelfTestItems.Cast<SelfTestItem>().All(i => i.Detail.Length > 0));
    }
}
