using System.Text.Json;
using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Simulator.Tests;

/// <summary>The real Core runtime on virtual boards, end to end through a broker and a test gateway that acks.</summary>
[TestClass]
public sealed class CoreFleetTests
{
    private static FleetOptions Options(int port, long seed) => new()
    {
        Broker = new BrokerEndpoint("127.0.0.1", port) { ConnectWait = TimeSpan.FromSeconds(5) },
        StationCount = 4,
        ProfileMix = "busy:1,quiet:1,smart:1,neglected:1",
        Seed = seed,
        StartUtc = DateTimeOffset.Parse("2026-07-15T10:30:00+08:00"),
        TickMs = 500,
        LockstepStepMs = 10_000,
    };

    [TestMethod]
    public async Task LunchPeakProducesTheEventMixAndEveryMessageIsAcked()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(Options(broker.Port, 3), FirmwareCatalog.Core);
        fleet.RunFor(TimeSpan.FromHours(3));
        await broker.WaitUntilAsync(() => { fleet.RunFor(TimeSpan.FromSeconds(10)); return fleet.Summary().Backlog == 0; }, "acks for everything");
        var s = fleet.Summary();
        Console.WriteLine(string.Join(", ", s.EventTypes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
        Console.WriteLine($"telemetry={s.Telemetry} events={s.Events} sent={s.Sent}");

        Assert.AreEqual(4, s.Connected);
        Assert.AreEqual(4, s.EventTypes["boot"]);
        Assert.IsTrue(s.EventTypes.GetValueOrDefault("visit") >= 10, "lunch visitors are counted by Core");
        Assert.IsTrue(s.EventTypes.GetValueOrDefault("dispense") >= 5, "visitors take water");
        Assert.IsTrue(s.EventTypes.GetValueOrDefault("outlet.start") >= 2, "chargers are plugged in");
        Assert.IsTrue(s.Telemetry >= 4 * 175, $"a telemetry a minute per station, got {s.Telemetry}");
        foreach (var m in broker.Received.Where(m => !m.Topic.EndsWith("/status")))
        {
            using var doc = JsonDocument.Parse(m.Payload);
            Assert.AreEqual(1, doc.RootElement.GetProperty("v").GetInt32(), m.Payload);
            Assert.IsTrue(doc.RootElement.GetProperty("seq").GetInt32() >= 1, m.Payload);
        }
        var busy = fleet.Stations[0].Counters;
        Assert.AreEqual(1, busy.HighestSentSeq.Count);
        Assert.AreEqual(busy.HighestSentSeq.Values.Single(), busy.AckedSeq.Values.Single(), "the gateway acked the last seq");
    }

    [TestMethod]
    public async Task OfflineHistorySurvivesAPowerCutAndIsReplayedAfterTheReboot()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(Options(broker.Port, 8) with { StationCount = 1, ProfileMix = "busy:1" }, FirmwareCatalog.Core);
        var station = fleet.Stations[0];
        fleet.RunFor(TimeSpan.FromMinutes(5));
        string firstBoot = station.Counters.HighestSentSeq.Keys.Single();
        long sentBeforeDrop = station.Counters.HighestSentSeq[firstBoot];

        station.Inject(FaultKind.WifiDrop, durationMs: 60 * 60_000);
        fleet.RunFor(TimeSpan.FromMinutes(30));
        Assert.AreEqual(sentBeforeDrop, station.Counters.HighestSentSeq[firstBoot], "nothing goes out while Wi-Fi is down");

        station.Inject(FaultKind.PowerLoss, durationMs: 2 * 60_000);
        fleet.RunFor(TimeSpan.FromMinutes(40));
        await broker.WaitUntilAsync(() => { fleet.RunFor(TimeSpan.FromSeconds(10)); return station.Counters.Unacked == 0; }, "the replay to be acked");

        Assert.AreEqual(2, station.Boots);
        Assert.AreEqual(2, station.Counters.HighestSentSeq.Count, "records of both boots were sent");
        Assert.IsTrue(station.Counters.HighestSentSeq[firstBoot] >= sentBeforeDrop + 25, "the first boot's offline half hour was replayed from flash after the reboot");
        Assert.AreEqual(station.Counters.HighestSentSeq[firstBoot], station.Counters.AckedSeq[firstBoot]);
        var boots = broker.Received.Where(m => m.Topic.EndsWith("/event") && m.Payload.Contains("\"type\":\"boot\"")).Select(m => m.Payload).ToList();
        Assert.IsTrue(boots.Any(b => b.Contains("\"reason\":\"power\"")));
    }

    [TestMethod]
    public async Task ADayOfRandomFaultsNeverCrashesTheFirmwareAndEverythingIsAckedInTheEnd()
    {
        await using var broker = await InProcessBroker.StartAsync();
        var faults = new FaultRates { SensorFailure = 2, StuckRelay = 1, WifiDrop = 4, PowerLoss = 2, ClockNotSynced = 1, CorruptFlashRecord = 1 };
        using var fleet = new SimulatedFleet(Options(broker.Port, 13) with { Faults = faults, TickMs = 1000, LockstepStepMs = 30_000 }, FirmwareCatalog.Core);
        fleet.RunFor(TimeSpan.FromDays(1));
        var stuck = fleet.Stations.Where(s => s.PoweredOff || !s.Board.Link.IsConnected).Select(s => s.Id).ToList();
        Console.WriteLine("down at the end of the day: " + string.Join(", ", stuck));
        foreach (var st in fleet.Stations) st.RepairAll();
        await broker.WaitUntilAsync(() => { fleet.RunFor(TimeSpan.FromMinutes(1)); return fleet.Stations.All(s => !s.PoweredOff && s.Board.Link.IsConnected) && fleet.Summary().Backlog == 0; }, "every station back and acked: " + string.Join("; ", fleet.Stations.Select(s => $"{s.Id} off={s.PoweredOff} conn={s.Board.Link.IsConnected} unacked={s.Counters.Unacked}")));
        var applied = fleet.Stations.SelectMany(s => s.FaultsApplied).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        Console.WriteLine(string.Join(", ", applied.Select(kv => $"{kv.Key}={kv.Value}")));
        Console.WriteLine(string.Join(", ", fleet.Summary().EventTypes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.IsTrue(applied.Values.Sum() >= 10, "faults happened");
        Assert.AreEqual(0, fleet.Stations.Sum(s => s.Crashes), fleet.Stations.FirstOrDefault(s => s.LastCrash != null)?.LastCrash?.ToString());
        Assert.IsTrue(fleet.Summary().Boots > 4, "power cuts rebooted stations");
    }
}
