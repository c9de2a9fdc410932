using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

/// <summary>An in-memory <see cref="ILockoutStore"/> that can fail writes and notes how many events preceded each save.</summary>
internal sealed class MemoryLockoutStore(RecordingEvents? events = null) : ILockoutStore
{
    public HashSet<string> Locked { get; } = new(StringComparer.Ordinal);
    public bool FailWrites { get; set; }
    public List<int> EventCountAtSave { get; } = [];

    public bool IsLocked(string deviceId) => Locked.Contains(deviceId);

    public bool TrySave(string deviceId, bool locked)
    {
        EventCountAtSave.Add(events?.Lines.Count ?? 0);
        if (FailWrites) return false;
        if (locked) Locked.Add(deviceId); else Locked.Remove(deviceId);
        return true;
    }
}

[TestClass]
public sealed class LockoutPersistenceTests
{
    private const string OneEbike = """
        {"stationId":"gz-gy-0001","powerBudgetWatts":3000,
         "outlets":[{"id":"ebike1","kind":"ebike","relayPin":21,"meterAddress":1,"tempPin":36,"buttonPin":22,
                     "minChargeMinutes":10,"fullConfirmSeconds":60,"noLoadSeconds":30,"maxSessionMinutes":240},
                    {"id":"ebike2","kind":"ebike","relayPin":23,"meterAddress":2}]}
        """;

    private static (StationHarness H, MemoryLockoutStore Store) Build()
    {
        var h = new StationHarness(OneEbike);
        var store = new MemoryLockoutStore(h.Events);
        h.Controller.LockoutStore = store;
        foreach (string id in new[] { "ebike1", "ebike2" }) h.Hardware.Meter(id).BehindRelay = h.Hardware.Output(id, "relay");
        return (h, store);
    }

    private static void Reboot(StationHarness h, ILockoutStore store)
    {
        h.Reboot();
        h.Controller.LockoutStore = store;
    }

    /// <summary>Charges ebike1, then overheats its socket to the cut level.</summary>
    private static void TripOverTemperature(StationHarness h)
    {
        h.Run(3000);
        h.Hardware.Meter("ebike1").PowerWatts = 200;
        h.Run(5000);
        Assert.IsTrue(h.Events.Has("outlet.start ebike1 plug"));
        h.Hardware.Socket("ebike1").TemperatureC = 56;
        h.Run(2100);
        Assert.IsTrue(h.Events.Has("safety.trip ebike1 overtemp lock"));
    }

    [TestMethod]
    public void ANewLockoutIsSavedBeforeAnythingIsReported()
    {
        var (h, store) = Build();
        TripOverTemperature(h);
        CollectionAssert.AreEquivalent(new[] { "ebike1" }, store.Locked.ToArray());
        Assert.AreEqual(1, store.EventCountAtSave.Count, "saved once");
        int stop = h.Events.Lines.FindIndex(l => l.StartsWith("outlet.stop ebike1 overtemp", StringComparison.Ordinal));
        Assert.AreEqual(stop, store.EventCountAtSave[0], "the save came before the stop, the trip and the alarm");
    }

    [TestMethod]
    public void LockoutSurvivesANewControllerAndTheRebootCommand()
    {
        var (h, store) = Build();
        TripOverTemperature(h);
        h.Hardware.Socket("ebike1").TemperatureC = 25;
        h.Run(2100);
        Assert.AreEqual("done", h.Command("reboot").Code);
        h.Events.Lines.Clear();

        Reboot(h, store);
        FakeOutput relay = h.Hardware.Output("ebike1", "relay");
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);
        Assert.AreEqual("idle", h.Controller.Outlets[1].State, "only the tripped outlet is locked");
        Assert.IsFalse(h.Events.Has("alarm.raise"), "nothing is reported before the first tick (the link's boot event goes first)");
        h.Run(100);
        Assert.AreEqual(1, h.Events.Count("alarm.raise outlet.lockout ebike1 crit"), "the gateway sees the lockout again");
        Assert.IsFalse(h.Events.Has("alarm.raise outlet.lockout ebike2"));

        Assert.AreEqual("done", h.Command("outlet.enable", "ebike1").Code);
        Assert.AreEqual("locked", h.Command("outlet.start", "ebike1").Code);
        h.Run(30_000);
        Assert.IsFalse(relay.On, "no command but the reset re-arms a restored lockout");
        Assert.IsTrue(h.Hardware.Output("ebike2", "relay").On, "the other outlet arms as usual");
        Assert.AreEqual(1, h.Events.Count("alarm.raise outlet.lockout ebike1"), "raised once per boot");

        // A second reboot (power loss this time) keeps it too.
        Reboot(h, store);
        h.Run(30_000);
        Assert.IsFalse(relay.On);
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);
    }

    [TestMethod]
    public void ResetClearsTheStoreAndTheNextBootIsUnlocked()
    {
        var (h, store) = Build();
        TripOverTemperature(h);
        h.Run(2100);
        Assert.AreEqual("refused", h.Command("outlet.reset-lockout", "ebike1").Code, "a refused reset leaves the store alone");
        Assert.IsTrue(store.Locked.Contains("ebike1"));

        h.Hardware.Socket("ebike1").TemperatureC = 25;
        h.Run(2100);
        Assert.AreEqual("done", h.Command("outlet.reset-lockout", "ebike1").Code);
        Assert.AreEqual(0, store.Locked.Count);

        Reboot(h, store);
        h.Run(3000);
        Assert.AreEqual("idle", h.Controller.Outlets[0].State);
        Assert.IsTrue(h.Hardware.Output("ebike1", "relay").On, "unlocked: it arms again after its interval");
    }

    [TestMethod]
    public void ConfigChangeKeepsTheLockout()
    {
        var (h, store) = Build();
        TripOverTemperature(h);
        string json = OneEbike.Replace("\"maxSessionMinutes\":240", "\"maxSessionMinutes\":120", StringComparison.Ordinal);
        Assert.AreEqual("done", h.SetConfig(json, new MemoryConfigStore()).Code);
        h.Events.Lines.Clear();
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);
        h.Run(100);
        Assert.IsTrue(h.Events.Has("alarm.raise outlet.lockout ebike1 crit"));
    }

    [TestMethod]
    public void FailedSaveStaysLockedAndSaysSo()
    {
        var (h, store) = Build();
        store.FailWrites = true;
        TripOverTemperature(h);
        Assert.AreEqual("locked", h.Controller.Outlets[0].State, "the safe side: locked in RAM anyway");
        Assert.AreEqual(1, h.Controller.LockoutSaveFailures);
        Assert.IsTrue(h.Events.Has("alarm.raise outlet.lockout ebike1 crit"));
        Assert.AreEqual("done", h.Command("selftest").Code);
        var item = h.Controller.Outlets[0].SelfTest();
        StringAssert.Contains(item.Detail, "not saved in flash");

        h.Hardware.Socket("ebike1").TemperatureC = 25;
        h.Run(2100);
        store.Locked.Add("ebike1");
        var r = h.Command("outlet.reset-lockout", "ebike1");
        Assert.AreEqual("failed", r.Code, "a reset that cannot clear the store is not done");
        StringAssert.StartsWith(r.Detail, "store: could not clear the saved lockout of ebike1");
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);
        Assert.IsFalse(h.Events.Has("lockout.reset"));

        store.FailWrites = false;
        Assert.AreEqual("done", h.Command("outlet.reset-lockout", "ebike1").Code);
        Assert.AreEqual(0, store.Locked.Count);
    }

    [TestMethod]
    public void WithoutAStoreLockoutsStayInRam()
    {
        var h = new StationHarness(OneEbike);
        h.Hardware.Meter("ebike1").BehindRelay = h.Hardware.Output("ebike1", "relay");
        TripOverTemperature(h);
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);
        h.Reboot();
        Assert.AreEqual("idle", h.Controller.Outlets[0].State);
    }
}
