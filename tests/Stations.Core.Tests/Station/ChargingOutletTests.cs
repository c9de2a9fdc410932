using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

[TestClass]
public sealed class ChargingOutletTests
{
    private const string OneEbike = """
        {"stationId":"gz-gy-0001","powerBudgetWatts":3000,
         "outlets":[{"id":"ebike1","kind":"ebike","relayPin":21,"meterAddress":1,"tempPin":36,"buttonPin":22,
                     "minChargeMinutes":10,"fullConfirmSeconds":60,"noLoadSeconds":30,"maxSessionMinutes":240}]}
        """;

    private static (StationHarness H, FakeOutput Relay, FakeMeter Meter, FakeTemperature Socket) Build(string json = OneEbike, bool safeMode = false)
    {
        var h = new StationHarness(json, safeMode);
        FakeOutput relay = h.Hardware.Output("ebike1", "relay");
        FakeMeter meter = h.Hardware.Meter("ebike1");
        meter.BehindRelay = relay;
        return (h, relay, meter, h.Hardware.Socket("ebike1"));
    }

    [TestMethod]
    public void RelayIsOffAtBootAndArmsOnlyAfterItsInterval()
    {
        var (h, relay, _, _) = Build();
        Assert.IsFalse(relay.On);
        Assert.IsTrue(relay.Writes >= 1, "the constructor must drive the relay off");
        h.Run(1900);
        Assert.IsFalse(relay.On, "no relay closes within its minimum interval after boot");
        h.Run(1000);
        Assert.IsTrue(relay.On, "an idle plug-start outlet arms (relay closed to sense a load)");
        Assert.AreEqual("idle", h.Controller.Outlets[0].State);
    }

    [TestMethod]
    public void PlugInStartsASessionAndFullEndsIt()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 180;
        h.Run(5000);
        Assert.IsTrue(h.Events.Has("outlet.start ebike1 plug"));
        Assert.AreEqual("on", h.Controller.Outlets[0].State);

        h.Run(20 * 60_000);
        meter.PowerWatts = 6; // under fullWatts 10, above noLoad 2
        h.Run(70_000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 full"));
        Assert.IsFalse(relay.On);
        var stop = h.Events.Stops.Single();
        Assert.AreEqual(180.0, stop.MaxW, 0.01);
        Assert.AreEqual(180 * 20.0 / 60, stop.Wh, 3.0, "energy integrated over uptime");
        Assert.AreEqual(1, h.Controller.Context.Sessions);

        h.Run(60_000);
        Assert.IsFalse(relay.On, "after a full cut the charger is still plugged in: no re-arm without a person");
        Assert.AreEqual(1, h.Events.Count("outlet.start"));
    }

    [TestMethod]
    public void NoFullCutBeforeTheMinimumChargingTime()
    {
        var (h, _, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 100;
        h.Run(5000);
        meter.PowerWatts = 5;
        h.Run(5 * 60_000);
        Assert.IsFalse(h.Events.Has("outlet.stop"));
        h.Run(6 * 60_000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 full"));
    }

    [TestMethod]
    public void UnplugEndsTheSessionAndReArms()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 150;
        h.Run(5000);
        meter.PowerWatts = 0;
        h.Run(35_000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 unplug"));
        h.Run(3000);
        Assert.IsTrue(relay.On, "an empty socket re-arms");
    }

    [TestMethod]
    public void ButtonStartWithNothingPluggedEndsAsNoLoad()
    {
        var (h, _, _, _) = Build("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21,"buttonPin":22,"plugStart":false,"noLoadSeconds":30}]}""");
        FakeInput button = h.Hardware.Input("ebike1", "button");
        h.Run(3000);
        button.Active = true;
        h.Run(500);
        button.Active = false;
        Assert.IsTrue(h.Events.Has("outlet.start ebike1 button"));
        h.Run(35_000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 noload"));
    }

    [TestMethod]
    public void MaxSessionTimeCuts()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        Assert.AreEqual("done", h.Command("outlet.start", "ebike1", maxMin: 30).Code);
        meter.PowerWatts = 200;
        h.Run(29 * 60_000);
        Assert.IsTrue(relay.On);
        h.Run(61_000, 1000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 maxtime"));
        Assert.IsFalse(relay.On);
        Assert.AreEqual("bad-args", h.Command("outlet.start", "ebike1", maxMin: 241).Code);
    }

    [TestMethod]
    public void OverloadLocksOutAndOnlyTheResetClearsIt()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        meter.PowerWatts = 900;
        h.Run(1100);
        Assert.IsFalse(relay.On);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 overload"));
        Assert.IsTrue(h.Events.Has("safety.trip ebike1 overload lock"));
        Assert.IsTrue(h.Events.Has("alarm.raise outlet.lockout ebike1 crit"));
        Assert.AreEqual("locked", h.Controller.Outlets[0].State);

        meter.PowerWatts = 0;
        Assert.AreEqual("locked", h.Command("outlet.start", "ebike1").Code);
        Assert.AreEqual("done", h.Command("outlet.enable", "ebike1").Code);
        h.Run(10_000);
        Assert.IsFalse(relay.On, "enable never clears a lockout");
        Assert.AreEqual("done", h.Command("outlet.reset-lockout", "ebike1").Code);
        Assert.IsTrue(h.Events.Has("lockout.reset ebike1"));
        Assert.AreEqual("idle", h.Controller.Outlets[0].State);
        Assert.AreEqual("done", h.Command("outlet.start", "ebike1").Code);
        Assert.IsTrue(relay.On);
    }

    [TestMethod]
    public void OverTemperatureWarnsThenCutsAndLocks()
    {
        var (h, relay, meter, socket) = Build();
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        socket.TemperatureC = 47;
        h.Run(2100);
        Assert.IsTrue(h.Events.Has("alarm.raise outlet.overtemp-warn ebike1 warn"));
        Assert.IsTrue(relay.On, "a warning does not cut");
        socket.TemperatureC = 56;
        h.Run(2100);
        Assert.IsFalse(relay.On);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 overtemp"));
        Assert.IsTrue(h.Events.Has("safety.trip ebike1 overtemp lock"));

        socket.TemperatureC = 46;
        h.Run(2100);
        Assert.AreEqual("refused", h.Command("outlet.reset-lockout", "ebike1").Code, "not while above the warn level");
        socket.TemperatureC = 30;
        h.Run(2100);
        Assert.IsTrue(h.Events.Has("alarm.clear outlet.overtemp-warn ebike1"));
        Assert.AreEqual("done", h.Command("outlet.reset-lockout", "ebike1").Code);
    }

    [TestMethod]
    public void HotSocketRefusesANewSession()
    {
        var (h, relay, _, socket) = Build();
        socket.TemperatureC = 50;
        h.Run(5000);
        Assert.IsFalse(relay.On, "no arming while the socket is over the warn level");
        var r = h.Command("outlet.start", "ebike1");
        Assert.AreEqual("refused", r.Code);
        StringAssert.Contains(r.Detail, "socket at 50 C");
    }

    [TestMethod]
    public void MeterFaultCuts()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        meter.Fail = true;
        h.Run(6000);
        Assert.IsFalse(relay.On);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 meter-fault"));
        Assert.IsTrue(h.Events.Has("alarm.raise outlet.meter-fault ebike1 warn"));
        Assert.AreEqual("refused", h.Command("outlet.start", "ebike1").Code);
        meter.Fail = false;
        h.Run(1100);
        Assert.IsTrue(h.Events.Has("alarm.clear outlet.meter-fault ebike1"));
    }

    [TestMethod]
    public void StuckRelayIsDetectedAndLocked()
    {
        var (h, relay, meter, _) = Build("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21,"plugStart":false}]}""");
        meter.BehindRelay = null; // welded contacts: load flows with the relay open
        meter.PowerWatts = 120;
        h.Run(8000);
        Assert.IsTrue(h.Events.Has("alarm.raise relay.stuck ebike1 crit"));
        Assert.IsTrue(h.Events.Has("safety.trip ebike1 relay-stuck lock"));
        Assert.IsFalse(relay.On);
    }

    [TestMethod]
    public void DisableStopsAndRefusesUntilEnabled()
    {
        var (h, relay, meter, _) = Build();
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        Assert.AreEqual("done", h.Command("outlet.disable", "ebike1").Code);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 cmd"));
        Assert.IsFalse(relay.On);
        Assert.AreEqual("disabled", h.Controller.Outlets[0].State);
        Assert.AreEqual("refused", h.Command("outlet.start", "ebike1").Code);
        h.Run(10_000);
        Assert.IsFalse(relay.On);
        Assert.AreEqual("done", h.Command("outlet.enable", "ebike1").Code);
        h.Run(3000);
        Assert.IsTrue(relay.On);
    }

    [TestMethod]
    public void StationClosingCutsWhenUnattended()
    {
        // Clock: Sunday 20:13 Shanghai. Hours: Sunday until 20:30.
        var (h, relay, meter, _) = Build("""{"stationId":"gz-gy-0001","attended":false,"hours":{"sun":"08:00-20:30"},"outlets":[{"id":"ebike1","relayPin":21}]}""");
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        Assert.IsTrue(h.Events.Has("outlet.start ebike1 plug"));
        h.Run(17 * 60_000, 1000);
        Assert.IsTrue(h.Events.Has("station.close schedule"));
        Assert.IsTrue(h.Events.Has("outlet.stop ebike1 closing"));
        Assert.IsFalse(relay.On);
        var r = h.Command("outlet.start", "ebike1");
        Assert.AreEqual("refused", r.Code);
        Assert.AreEqual("station closed and unattended", r.Detail);
    }

    [TestMethod]
    public void AttendedStationKeepsChargingAfterClosing()
    {
        var (h, relay, meter, _) = Build("""{"stationId":"gz-gy-0001","attended":true,"hours":{"sun":"08:00-20:30"},"outlets":[{"id":"ebike1","relayPin":21}]}""");
        h.Run(3000);
        meter.PowerWatts = 200;
        h.Run(5000);
        h.Run(17 * 60_000, 1000);
        Assert.IsTrue(h.Events.Has("station.close schedule"));
        Assert.IsTrue(relay.On);
    }

    [TestMethod]
    public void PowerBudgetRefusesAndCutsTheNewestSession()
    {
        var (h, _, _, _) = Build("""
            {"stationId":"gz-gy-0001","powerBudgetWatts":500,
             "outlets":[{"id":"ebike1","relayPin":21,"meterAddress":1},{"id":"ebike2","relayPin":22,"meterAddress":2},{"id":"ebike3","relayPin":23,"meterAddress":3}]}
            """);
        FakeMeter m1 = h.Hardware.Meter("ebike1"), m2 = h.Hardware.Meter("ebike2"), m3 = h.Hardware.Meter("ebike3");
        m1.BehindRelay = h.Hardware.Output("ebike1", "relay");
        m2.BehindRelay = h.Hardware.Output("ebike2", "relay");
        m3.BehindRelay = h.Hardware.Output("ebike3", "relay");
        h.Run(3000);
        m1.PowerWatts = 300;
        h.Run(5000);
        m2.PowerWatts = 150;
        h.Run(5000);
        Assert.AreEqual(2, h.Events.Count("outlet.start"));
        m2.PowerWatts = 300; // 600 W > 500 W budget
        h.Run(12_000);
        Assert.IsTrue(h.Events.Has("outlet.stop ebike2 budget"), string.Join("\n", h.Events.Lines));
        Assert.IsTrue(h.Hardware.Output("ebike1", "relay").On);

        m2.PowerWatts = 0;
        m1.PowerWatts = 520;
        h.Run(2000);
        var refused = h.Command("outlet.start", "ebike3");
        Assert.AreEqual("refused", refused.Code);
        StringAssert.Contains(refused.Detail, "budget");
        m3.PowerWatts = 100;
        h.Run(10_000);
        Assert.IsFalse(h.Events.Has("outlet.start ebike3"), "an armed outlet disarms while the station is over budget");
    }

    [TestMethod]
    public void SafeModeNeverSwitchesAnOutletOn()
    {
        var (h, relay, meter, _) = Build(safeMode: true);
        meter.PowerWatts = 100;
        h.Run(10_000);
        Assert.IsFalse(relay.On);
        Assert.IsTrue(h.Controller.SafeMode);
        Assert.IsTrue(h.Events.Has("alarm.raise safe-mode"));
        Assert.AreEqual("disabled", h.Controller.Outlets[0].State);
        Assert.AreEqual("refused", h.Command("outlet.start", "ebike1").Code);
        Assert.AreEqual("refused", h.Command("outlet.enable", "ebike1").Code);
        h.Hardware.Input("ebike1", "button").Active = true;
        h.Run(2000);
        Assert.IsFalse(relay.On);
    }

    [TestMethod]
    public void CommandsThatSwitchOnNeedTime()
    {
        var (h, relay, _, _) = Build("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21,"plugStart":false}]}""");
        h.Clock.IsSynced = false;
        h.Run(3000);
        Assert.AreEqual("no-time", h.Command("outlet.start", "ebike1").Code);
        Assert.AreEqual("done", h.Command("outlet.stop", "ebike1").Code);
        Assert.AreEqual("done", h.Command("outlet.disable", "ebike1").Code);
        Assert.IsFalse(relay.On);
        Assert.AreEqual("unknown-device", h.Command("outlet.stop", "ebike9").Code);
        Assert.AreEqual("bad-args", h.Command("outlet.stop").Code);
    }

    [TestMethod]
    public void StartWithinTheRelayIntervalIsDeferredNotLost()
    {
        var (h, relay, _, _) = Build("""{"stationId":"gz-gy-0001","outlets":[{"id":"ebike1","relayPin":21,"plugStart":false,"minSwitchMs":5000}]}""");
        h.Run(500);
        var r = h.Command("outlet.start", "ebike1");
        Assert.AreEqual("done", r.Code);
        Assert.IsFalse(relay.On);
        h.Run(5000);
        Assert.IsTrue(relay.On);
        Assert.IsTrue(h.Events.Has("outlet.start ebike1 cmd"));
        Assert.IsTrue(relay.OnGapsMs.TrueForAll(g => g >= 5000));
    }
}
