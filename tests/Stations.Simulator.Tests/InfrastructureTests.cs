using Stations.Simulator.Link;
using Stations.Simulator.Time;
using Stations.Simulator.World;

namespace Stations.Simulator.Tests;

[TestClass]
public sealed class InfrastructureTests
{
    private sealed class Recorder(List<(string, long)> log, string name, long period) : IScheduled
    {
        public long RunAt(long utcNowMs)
        {
            log.Add((name, utcNowMs));
            return utcNowMs + period;
        }
    }

    [TestMethod]
    public void SchedulerRunsInTimeOrderAndMovesTheClock()
    {
        var clock = new VirtualClock(1000);
        var scheduler = new FleetScheduler(clock);
        var log = new List<(string, long)>();
        scheduler.Add(new Recorder(log, "a", 300), 1000);
        scheduler.Add(new Recorder(log, "b", 500), 1000);
        scheduler.RunUntil(2000);
        CollectionAssert.AreEqual(new[] { ("a", 1000L), ("b", 1000L), ("a", 1300L), ("b", 1500L), ("a", 1600L), ("a", 1900L), ("b", 2000L) }, log);
        Assert.AreEqual(2000, clock.UtcNowMs);
    }

    [TestMethod]
    public void StationClockRestartsUptimeAndLosesSyncAtReboot()
    {
        var fleet = new VirtualClock(1_800_000_000_000);
        var clock = new StationClock(fleet);
        fleet.AdvanceTo(1_800_000_005_000);
        Assert.AreEqual(5000, clock.UptimeMs);
        Assert.IsFalse(clock.IsSynced);
        clock.Sync();
        Assert.AreEqual(1_800_000_005_000, clock.UtcNowMs);
        clock.Reboot();
        Assert.AreEqual(0, clock.UptimeMs);
        Assert.IsFalse(clock.IsSynced);
    }

    [TestMethod]
    public void FlashBehavesLikeLittleFsAndCorruptsOnDemand()
    {
        var flash = new SimulatedFlash(1024);
        flash.Append("ob-0001", [1, 2, 3], 0, 3);
        flash.Append("ob-0001", [4, 5], 0, 2);
        Assert.AreEqual(5, flash.GetLength("ob-0001"));
        Assert.AreEqual(-1, flash.GetLength("missing"));
        flash.WriteNew("cur-1", [9], 0, 1);
        Assert.ThrowsExactly<IOException>(() => flash.WriteNew("cur-1", [9], 0, 1));
        flash.WriteNew("cur-2", [8], 0, 1);
        Assert.ThrowsExactly<IOException>(() => flash.Rename("cur-1", "cur-2"), "rename never replaces");
        flash.Delete("cur-2");
        flash.Rename("cur-1", "cur-2");
        CollectionAssert.AreEquivalent(new[] { "cur-2" }, flash.List("cur-"));
        var buffer = new byte[10];
        Assert.AreEqual(3, flash.Read("ob-0001", 2, buffer, 0, 10));
        Assert.AreEqual("ob-0001", flash.CorruptRecord(new SimRandom(1), "ob-"));
        Assert.AreEqual(5, flash.Read("ob-0001", 0, buffer, 0, 10));
        CollectionAssert.AreNotEqual(new byte[] { 1, 2, 3, 4, 5 }, buffer[..5]);
        flash.TearNextWrite(1);
        Assert.ThrowsExactly<IOException>(() => flash.Append("ob-0002", [1, 2, 3], 0, 3));
        Assert.AreEqual(1, flash.GetLength("ob-0002"), "a torn write keeps a prefix");
        Assert.ThrowsExactly<IOException>(() => flash.Append("big", new byte[2000], 0, 2000));
    }

    [TestMethod]
    public void TopicKindIsTheSuffixAfterTheStationId()
    {
        Assert.AreEqual("cmd/result", MqttStationLink.TopicKind("ss/v1/sim-0001/cmd/result"));
        Assert.AreEqual("telemetry", MqttStationLink.TopicKind("ss/v1/sim-0001/telemetry"));
    }
}
