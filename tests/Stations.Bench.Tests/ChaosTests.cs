using Stations.Bench.Chaos;

namespace Stations.Bench.Tests;

/// <summary>
/// A small slice of the `chaos` run: the real gateway process is killed with SIGKILL twice while Core stations stream
/// to it, one station's Wi-Fi is down for hours and two stations lose power; every sent (boot, seq) is stored once.
/// And of `chaos-mosquitto`: the same stations through a real Mosquitto killed -9 and restarted twice, two gateway
/// processes on one shared subscription and one SQLite file, one of them killed -9 and restarted.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChaosTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GatewayKilledTwiceMidStreamWithALinkDropAndPowerCuts_LosesAndDoublesNothing()
    {
        var result = await ChaosRun.RunAsync(new ChaosRunOptions
        {
            Stations = 6,
            Kills = 2,
            VirtualDuration = TimeSpan.FromHours(4),
            LinkDrop = TimeSpan.FromHours(2),
            PowerCuts = 2,
            Seed = 3,
            Log = TestContext.WriteLine,
        }, TestContext.CancellationToken);
        TestContext.WriteLine(result.ToString());

        Assert.AreEqual(2, result.Kills, "both kills happened");
        Assert.AreEqual(3, result.GatewayStarts, "the gateway came back after each kill");
        Assert.IsGreaterThanOrEqualTo(6L + 2, result.Boots, "the power cuts rebooted stations (new boot ids)");
        Assert.IsTrue(result.Drained, "everything was acked after the chaos");
        Assert.AreEqual(0L, result.Ledger.Lost, result.Ledger.ToString());
        Assert.AreEqual(0L, result.Ledger.Duplicated, result.Ledger.ToString());
        Assert.AreEqual(0L, result.Ledger.StoredButNeverSent, result.Ledger.ToString());
        Assert.IsTrue(result.Passed, result.ToString());
    }

    [TestMethod]
    public async Task MosquittoKilledTwiceAndOneOfTwoSharedGatewaysKilledMidStream_LosesAndDoublesNothing()
    {
        if (!ChaosMosquitto.IsInstalled)
        {
            Assert.Inconclusive("mosquitto is not installed (test.sh installs it)");
        }

        var result = await ChaosRun.RunAsync(new ChaosRunOptions
        {
            Broker = ChaosBroker.Mosquitto,
            Stations = 4,
            Gateways = 2,
            BrokerRestarts = 2,
            Kills = 1,
            VirtualDuration = TimeSpan.FromHours(3),
            LinkDrop = TimeSpan.FromHours(1),
            PowerCuts = 2,
            Seed = 3,
            Log = TestContext.WriteLine,
        }, TestContext.CancellationToken);
        TestContext.WriteLine(result.ToString());
        TestContext.WriteLine("acks published per gateway: " + string.Join(" / ", result.AcksPublishedByGateway ?? []));

        Assert.AreEqual(2, result.BrokerRestarts, "both broker kills happened");
        Assert.AreEqual(3, result.BrokerStarts, "Mosquitto came back after each kill");
        Assert.AreEqual(1, result.Kills, "one gateway instance was killed");
        Assert.AreEqual(2 + 1, result.GatewayStarts, "two instances, one of them started again");
        Assert.HasCount(2, result.AcksPublishedByGateway!);
        Assert.IsTrue(result.AcksPublishedByGateway!.All(n => n > 0), "both instances took a share of the stream");
        Assert.IsGreaterThanOrEqualTo(4L + 2, result.Boots, "the power cuts rebooted stations (new boot ids)");
        Assert.IsGreaterThan(0L, result.Summary.Resent, "stations replayed (reconnects and ack timeouts)");
        Assert.IsTrue(result.Drained, "everything was acked after the chaos");
        Assert.AreEqual(0L, result.Ledger.Lost, result.Ledger.ToString());
        Assert.AreEqual(0L, result.Ledger.Duplicated, result.Ledger.ToString());
        Assert.AreEqual(0L, result.Ledger.StoredButNeverSent, result.Ledger.ToString());
        Assert.IsTrue(result.Passed, result.ToString());
    }
}
