using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

[TestClass]
public sealed class DispenserTests
{
    private const string Water = """
        {"stationId":"gz-gy-0001","dispensers":[{"id":"water1","valvePin":25,"buttonPin":26,"flowPin":27,
          "pulsesPerLitre":500,"maxValveSeconds":20,"dryAfterSeconds":3,"leakPulses":20,"dailyLitresLimit":2}]}
        """;

    [TestMethod]
    public void ButtonHoldDispensesAndReportsLitres()
    {
        var h = new StationHarness(Water);
        FakeOutput valve = h.Hardware.Output("water1", "valve");
        FakeInput button = h.Hardware.Input("water1", "button");
        FakePulses flow = h.Hardware.Flow("water1");
        h.Run(1000);
        button.Active = true;
        h.Run(200);
        Assert.IsTrue(valve.On);
        for (int i = 0; i < 40; i++)
        {
            flow.Count += 10;
            h.Run(100);
        }

        button.Active = false;
        h.Run(200);
        Assert.IsFalse(valve.On);
        Assert.IsTrue(h.Events.Has("dispense water1 button 0.8 "), string.Join("\n", h.Events.Lines));
        Assert.AreEqual(0.8, h.Controller.Context.Litres, 1e-9);
    }

    [TestMethod]
    public void ValveNeverStaysOpenPastItsLimitAndNeedsARelease()
    {
        var h = new StationHarness(Water);
        FakeOutput valve = h.Hardware.Output("water1", "valve");
        FakeInput button = h.Hardware.Input("water1", "button");
        FakePulses flow = h.Hardware.Flow("water1");
        h.Run(1000);
        button.Active = true;
        for (int i = 0; i < 250; i++)
        {
            flow.Count += 1;
            h.Run(100);
            Assert.IsTrue(!valve.On || h.Clock.UptimeMs - valve.OnSinceMs < 20_000);
        }

        Assert.IsTrue(h.Events.Has("safety.trip water1 valve-timeout"));
        h.Run(5000);
        Assert.IsFalse(valve.On, "a held (stuck) button does not reopen the valve");
        button.Active = false;
        h.Run(500);
        button.Active = true;
        h.Run(200);
        Assert.IsTrue(valve.On);
    }

    [TestMethod]
    public void DryWhenTheValveIsOpenWithoutFlow()
    {
        var h = new StationHarness(Water);
        FakeOutput valve = h.Hardware.Output("water1", "valve");
        h.Run(1000);
        Assert.AreEqual("done", h.Command("dispense.test", "water1", ms: 10_000).Code);
        h.Run(3200);
        Assert.IsFalse(valve.On);
        Assert.IsTrue(h.Events.Has("alarm.raise dispenser.dry water1 warn"));
        Assert.AreEqual("dry", h.Controller.Dispensers[0].State);
        Assert.IsTrue(h.Events.Has("dispense water1 test 0 "));
    }

    [TestMethod]
    public void LeakWhenFlowWithTheValveClosed()
    {
        var h = new StationHarness(Water);
        FakePulses flow = h.Hardware.Flow("water1");
        h.Run(1000);
        flow.Count += 25;
        h.Run(200);
        Assert.IsTrue(h.Events.Has("alarm.raise dispenser.leak water1 crit"));
        Assert.AreEqual("leak", h.Controller.Dispensers[0].State);
        h.Run(61_000, 1000);
        Assert.IsTrue(h.Events.Has("alarm.clear dispenser.leak water1"));
    }

    [TestMethod]
    public void DailyLimitStopsUntilTheNextLocalDay()
    {
        var h = new StationHarness(Water);
        FakeOutput valve = h.Hardware.Output("water1", "valve");
        FakeInput button = h.Hardware.Input("water1", "button");
        FakePulses flow = h.Hardware.Flow("water1");
        h.Run(1000);
        button.Active = true;
        h.Run(300);
        Assert.IsTrue(valve.On);
        for (int i = 0; i < 30 && valve.On; i++)
        {
            flow.Count += 50;
            h.Run(100);
        }

        Assert.IsFalse(valve.On, "closes when the daily limit is reached");
        Assert.IsTrue(h.Events.Has("alarm.raise dispenser.daily-limit water1 warn"));
        button.Active = false;
        h.Run(500);
        button.Active = true;
        h.Run(500);
        Assert.IsFalse(valve.On);
        Assert.AreEqual("refused", h.Command("dispense.test", "water1").Code);
        button.Active = false;
        h.Clock.UtcNowMs += 24 * 3600_000L;
        h.Run(200);
        Assert.IsTrue(h.Events.Has("alarm.clear dispenser.daily-limit water1"));
    }

    [TestMethod]
    public void TestCommandChecksItsArguments()
    {
        var h = new StationHarness(Water);
        h.Run(1000);
        Assert.AreEqual("bad-args", h.Command("dispense.test", "water1", ms: 50).Code);
        Assert.AreEqual("bad-args", h.Command("dispense.test", "water1", ms: 20_001).Code);
        Assert.AreEqual("unknown-device", h.Command("dispense.test", "water9").Code);
        h.Clock.IsSynced = false;
        Assert.AreEqual("no-time", h.Command("dispense.test", "water1").Code);
    }

    [TestMethod]
    public void WithoutAFlowMeterLitresComeFromTheNominalRate()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","dispensers":[{"id":"water1","valvePin":25,"nominalLitresPerMinute":1.2}]}""");
        h.Run(1000);
        h.Command("dispense.test", "water1", ms: 5000);
        h.Run(6000);
        Assert.AreEqual(0.1, h.Controller.Context.Litres, 0.003);
    }
}

[TestClass]
public sealed class DoorTests
{
    [TestMethod]
    public void DebouncedOpenCloseAndVisitsWithAGap()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","doors":[{"id":"door1","pin":14,"debounceMs":50,"visitGapSeconds":20}]}""");
        FakeInput contact = h.Hardware.Input("door1", "contact");
        h.Run(1000);
        contact.Active = true;
        h.Run(30);
        contact.Active = false; // a bounce shorter than the debounce time
        h.Run(300);
        Assert.IsFalse(h.Events.Has("door.open"));

        contact.Active = true;
        h.Run(2000);
        contact.Active = false;
        h.Run(300);
        Assert.IsTrue(h.Events.Has("door.open door1"));
        Assert.IsTrue(h.Events.Has("door.close door1 2"));
        contact.Active = true; // 2 s later: same visit
        h.Run(300);
        contact.Active = false;
        h.Run(25_000);
        contact.Active = true; // after the gap: a new visit
        h.Run(300);
        Assert.AreEqual(2, h.Events.Count("visit door1 1"));
        Assert.AreEqual(2, h.Controller.Context.Visits);
        Assert.IsTrue(h.Controller.ImportantChangePending);
    }

    [TestMethod]
    public void TwoOpeningsPerVisitCountTheEntryNotTheExit()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","doors":[{"id":"door1","pin":14,"visitGapSeconds":20,"openingsPerVisit":2}]}""");
        FakeInput contact = h.Hardware.Input("door1", "contact");
        h.Run(1000);
        for (int opening = 0; opening < 5; opening++)
        {
            contact.Active = true; // entry, exit, entry, exit, entry — each well apart
            h.Run(2000);
            contact.Active = false;
            h.Run(60_000, 1000);
        }

        Assert.AreEqual(5, h.Events.Count("door.open door1"));
        Assert.AreEqual(3, h.Controller.Context.Visits);
        Assert.AreEqual(3, h.Events.Count("visit door1 1"));
    }

    [TestMethod]
    public void LeftOpenAlarmIsStricterWhenUnattended()
    {
        const string Door = """{"stationId":"gz-gy-0001","attended":ATT,"doors":[{"id":"door1","pin":14,"leftOpenMinutes":10,"leftOpenMinutesUnattended":3}]}""";
        var attended = new StationHarness(Door.Replace("ATT", "true"));
        var unattended = new StationHarness(Door.Replace("ATT", "false"));
        foreach (var h in new[] { attended, unattended })
        {
            h.Hardware.Input("door1", "contact").Active = true;
            h.Run(4 * 60_000, 1000);
        }

        Assert.IsFalse(attended.Events.Has("alarm.raise door.left-open"));
        Assert.IsTrue(unattended.Events.Has("alarm.raise door.left-open door1 warn"));
        attended.Run(7 * 60_000, 1000);
        Assert.IsTrue(attended.Events.Has("alarm.raise door.left-open door1 warn"));
        attended.Hardware.Input("door1", "contact").Active = false;
        attended.Run(1000);
        Assert.IsTrue(attended.Events.Has("alarm.clear door.left-open door1"));
    }

    [TestMethod]
    public void BeamCountsVisitsInsteadOfTheDoor()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","beam":{"id":"beam1","pin":35,"minGapMs":1500},"doors":[{"id":"door1","pin":14}]}""");
        FakeInput beam = h.Hardware.Input("beam1", "beam");
        h.Hardware.Input("door1", "contact").Active = true;
        h.Run(500);
        for (int i = 0; i < 3; i++)
        {
            beam.Active = true;
            h.Run(300);
            beam.Active = false;
            h.Run(2000);
        }

        Assert.AreEqual(3, h.Events.Count("visit beam1 1"));
        Assert.IsFalse(h.Events.Has("visit door1"));
    }

    [TestMethod]
    public void SignSwitchDecidesOpen()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","sign":{"id":"sign1","pin":13},"hours":{"mon":"closed"}}""");
        FakeInput sign = h.Hardware.Input("sign1", "sign");
        h.Run(500);
        Assert.IsFalse(h.Controller.IsOpen);
        sign.Active = true;
        h.Run(500);
        Assert.IsTrue(h.Controller.IsOpen);
        Assert.IsTrue(h.Events.Has("station.open sign"));
    }

    [TestMethod]
    public void UnsyncedClockCountsAsOpen()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","hours":{"mon":"closed"}}""");
        h.Clock.IsSynced = false;
        h.Run(500);
        Assert.IsTrue(h.Controller.IsOpen);
        h.Clock.IsSynced = true;
        h.Run(500);
        Assert.IsFalse(h.Controller.IsOpen);
        Assert.IsTrue(h.Events.Has("station.close schedule"));
    }
}

[TestClass]
public sealed class ClimateTests
{
    private const string Probe = """
        {"stationId":"gz-gy-0001","probes":[{"id":"probe1","pin":4,"readSeconds":10,"highC":32,"lowC":10,"hysteresisC":1,"faultAfterFailures":3,"staleSeconds":60}],
         "hvac":[{"id":"ac1","pin":32,"mode":"cool","probe":"probe1","setpointC":26,"hysteresisC":1.5,"minOnSeconds":120,"minOffSeconds":60,"onlyWhenOpen":false}]}
        """;

    [TestMethod]
    public void ReadsNoMoreOftenThanEveryTwoSeconds()
    {
        var h = new StationHarness(Probe);
        FakeClimate sensor = h.Hardware.Sensor("probe1");
        sensor.Fail = true;
        h.Run(30_000, 50);
        for (int i = 1; i < sensor.ReadTimes.Count; i++)
        {
            Assert.IsTrue(sensor.ReadTimes[i] - sensor.ReadTimes[i - 1] >= 2000);
        }

        Assert.IsTrue(sensor.ReadTimes.Count >= 12, "failed reads are retried after 2 s");
        Assert.IsTrue(h.Events.Has("alarm.raise probe.fault probe1 warn"));
        sensor.Fail = false;
        h.Run(2100);
        Assert.IsTrue(h.Events.Has("alarm.clear probe.fault probe1"));
    }

    [TestMethod]
    public void MedianRejectsASingleSpikeAndNaNIsAFailure()
    {
        var h = new StationHarness(Probe);
        FakeClimate sensor = h.Hardware.Sensor("probe1");
        sensor.TemperatureC = 24;
        h.Run(25_000);
        sensor.TemperatureC = 79; // one wild read
        h.Run(10_000);
        sensor.TemperatureC = 24;
        h.Run(10_000);
        Assert.AreEqual(24, h.Controller.Probes[0].TemperatureC, 0.01);
        Assert.IsFalse(h.Events.Has("alarm.raise temp.high"));
        sensor.TemperatureC = double.NaN;
        h.Run(10_000);
        Assert.AreEqual(24, h.Controller.Probes[0].TemperatureC, 0.01);
    }

    [TestMethod]
    public void StaleAfterNoGoodReading()
    {
        var h = new StationHarness("""{"stationId":"gz-gy-0001","probes":[{"id":"probe1","pin":4,"readSeconds":10,"faultAfterFailures":100,"staleSeconds":60}]}""");
        FakeClimate sensor = h.Hardware.Sensor("probe1");
        h.Run(1000);
        Assert.IsTrue(h.Controller.Probes[0].IsFresh);
        sensor.Fail = true;
        h.Run(61_000, 1000);
        Assert.IsFalse(h.Controller.Probes[0].IsFresh);
        Assert.IsFalse(h.Controller.Probes[0].IsFaulted);
    }

    [TestMethod]
    public void HeatAlarmHasHysteresis()
    {
        var h = new StationHarness(Probe);
        FakeClimate sensor = h.Hardware.Sensor("probe1");
        sensor.TemperatureC = 33;
        h.Run(50_000, 1000);
        Assert.AreEqual(1, h.Events.Count("alarm.raise temp.high probe1"));
        sensor.TemperatureC = 31.5; // under high, inside the hysteresis band
        h.Run(60_000, 1000);
        Assert.IsFalse(h.Events.Has("alarm.clear temp.high"));
        sensor.TemperatureC = 30.5;
        h.Run(60_000, 1000);
        Assert.IsTrue(h.Events.Has("alarm.clear temp.high probe1"));
        sensor.TemperatureC = 5;
        h.Run(60_000, 1000);
        Assert.IsTrue(h.Events.Has("alarm.raise temp.low probe1 warn"));
    }

    [TestMethod]
    public void CoolingThermostatWithHysteresisAndMinimumTimes()
    {
        var h = new StationHarness(Probe);
        FakeClimate sensor = h.Hardware.Sensor("probe1");
        FakeOutput ac = h.Hardware.Output("ac1", "hvac");
        sensor.TemperatureC = 28;
        h.Run(30_000, 1000);
        Assert.IsFalse(ac.On, "minimum off time after boot");
        h.Run(31_000, 1000);
        Assert.IsTrue(ac.On);
        sensor.TemperatureC = 25;
        h.Run(60_000, 1000);
        Assert.IsTrue(ac.On, "minimum on time");
        h.Run(61_000, 1000);
        Assert.IsFalse(ac.On);
        sensor.TemperatureC = 27; // inside the band: stays off
        h.Run(120_000, 1000);
        Assert.IsFalse(ac.On);
        sensor.Fail = true; // no fresh reading: off
        sensor.TemperatureC = 30;
        h.Run(300_000, 1000);
        Assert.IsFalse(ac.On);
    }
}
