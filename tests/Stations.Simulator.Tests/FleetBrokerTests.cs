using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Simulator.Tests;

[TestClass]
public sealed class FleetBrokerTests
{
    private static FleetOptions Options(int port, long seed) => new()
    {
        Broker = new BrokerEndpoint("127.0.0.1", port) { ConnectWait = TimeSpan.FromSeconds(5) },
        StationCount = 4,
        ProfileMix = "busy:1,quiet:1,smart:1,neglected:1",
        Seed = seed,
        StartUtc = DateTimeOffset.Parse("2026-07-15T10:00:00+08:00"),
        TickMs = 1000,
        LockstepStepMs = 10_000,
    };

    [TestMethod]
    public async Task SeededRunSendsTheExpectedCountsAndTheBrokerSeesThemAll()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(Options(broker.Port, 42), FirmwareCatalog.Beacon);
        fleet.RunFor(TimeSpan.FromHours(2));
        var summary = fleet.Summary();

        Assert.AreEqual(4, summary.Connected);
        Assert.AreEqual(121 + 3 * 120, summary.Telemetry, "one telemetry at boot, then one a minute; stations 2-4 start staggered and end just before their 121st");
        Assert.AreEqual(4, summary.EventTypes["boot"]);
        Assert.IsTrue(summary.EventTypes.GetValueOrDefault("visit") > 0, "lunch hours bring visitors");
        Assert.AreEqual(summary.Sent + 4, summary.BrokerAcked, "every publish (and the 4 births) got its PUBACK");
        await broker.WaitUntilAsync(() => broker.Received.Count(m => !m.Topic.EndsWith("/status")) == summary.Sent, "all messages at the gateway");
        await broker.WaitUntilAsync(() => fleet.Summary().Backlog == 0, "the gateway's acks to come back");
        Assert.AreEqual(4, broker.Received.Count(m => m.Topic.EndsWith("/status") && m.Payload.Contains("\"online\"")), "one birth per station");
        var busy = fleet.Stations[0];
        Assert.AreEqual(busy.Counters.Acked, busy.Counters.Telemetry + busy.Counters.Events);

        // The same seed gives the same run: same visits and telemetry, station by station.
        await using var broker2 = await InProcessBroker.StartAsync();
        using var again = new SimulatedFleet(Options(broker2.Port, 42), FirmwareCatalog.Beacon);
        again.RunFor(TimeSpan.FromHours(2));
        for (int i = 0; i < 4; i++)
        {
            CollectionAssert.AreEquivalent(fleet.Stations[i].Counters.EventTypes.ToList(), again.Stations[i].Counters.EventTypes.ToList());
            Assert.AreEqual(fleet.Stations[i].Board.Site.Arrivals, again.Stations[i].Board.Site.Arrivals);
        }
    }

    [TestMethod]
    public async Task WifiDropPublishesTheWillAndTheStationComesBack()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(Options(broker.Port, 7) with { StationCount = 1, ProfileMix = "smart:1" }, FirmwareCatalog.Beacon);
        fleet.RunFor(TimeSpan.FromMinutes(1));
        var station = fleet.Stations[0];
        Assert.IsTrue(station.Board.Link.IsConnected);

        station.Inject(FaultKind.WifiDrop, durationMs: 10 * 60_000);
        fleet.RunFor(TimeSpan.FromMinutes(5));
        Assert.IsFalse(station.Board.Link.IsConnected);
        await broker.WaitUntilAsync(() => broker.Received.Any(m => m.Topic.EndsWith("/status") && m.Payload.Contains("\"offline\"")), "the will");

        fleet.RunFor(TimeSpan.FromMinutes(10));
        Assert.IsTrue(station.Board.Link.IsConnected, "reconnected once Wi-Fi is back");
        Assert.AreEqual(2, station.Counters.Connects);
    }

    [TestMethod]
    public async Task PowerLossRebootsWithANewBootAndTheWallClockIsLostUntilSntp()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(Options(broker.Port, 9) with { StationCount = 1, ProfileMix = "busy:1" }, FirmwareCatalog.Beacon);
        fleet.RunFor(TimeSpan.FromMinutes(2));
        var station = fleet.Stations[0];
        station.Inject(FaultKind.PowerLoss, durationMs: 60_000);
        Assert.IsTrue(station.PoweredOff);
        fleet.RunFor(TimeSpan.FromMinutes(3));
        Assert.IsFalse(station.PoweredOff);
        Assert.AreEqual(2, station.Boots);
        Assert.AreEqual(2, station.Counters.HighestSentSeq.Count, "two boot ids");
        Assert.AreEqual(2, station.Counters.EventTypes["boot"]);
        Assert.IsTrue(station.Board.Clock.UptimeMs < 3 * 60_000);
    }

    [TestMethod]
    public async Task ClockFaultKeepsTsAwayAndBackfillStampsHistoricalTimes()
    {
        await using var broker = await InProcessBroker.StartAsync();
        var from = DateTimeOffset.Parse("2026-03-01T00:00:00+08:00");
        using var fleet = new SimulatedFleet(Options(broker.Port, 5) with { StationCount = 2, StartUtc = from, MaxBacklogPerStation = 50, LockstepStepMs = 60_000, TickMs = 5_000 }, FirmwareCatalog.Beacon);
        fleet.Stations[1].Inject(FaultKind.ClockNotSynced, durationMs: 3 * 3_600_000);
        fleet.Backfill(from.AddDays(1));
        Assert.AreEqual(from.AddDays(1), fleet.VirtualUtc);
        await broker.WaitUntilAsync(() => broker.Received.Count(m => m.Topic.EndsWith("/telemetry")) == fleet.Summary().Telemetry, "all telemetry");
        var tel = broker.Received.Where(m => m.Topic.EndsWith("/telemetry")).ToList();
        Assert.IsTrue(tel.Count >= 2 * 1400, $"a day of minute telemetry for two stations, got {tel.Count}");
        Assert.IsTrue(tel.Where(m => m.Topic.Contains("sim-0001")).Skip(1).All(m => m.Payload.Contains("\"ts\":")), "once SNTP answered (3 s after boot) the station dates every message");
        Assert.IsTrue(tel.Any(m => m.Topic.Contains("sim-0002") && !m.Payload.Contains("\"ts\":")), "without SNTP messages carry no ts");
        long firstTs = long.Parse(tel.First(m => m.Payload.Contains("\"ts\":")).Payload.Split("\"ts\":")[1].Split(',')[0]);
        Assert.IsTrue(Math.Abs(firstTs - from.ToUnixTimeMilliseconds()) < 120_000, "backfilled messages carry the historical ts");
    }
}
