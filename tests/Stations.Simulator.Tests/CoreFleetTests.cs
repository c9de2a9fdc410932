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
}
