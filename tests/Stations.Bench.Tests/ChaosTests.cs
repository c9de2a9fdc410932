using Stations.Bench.Chaos;

namespace Stations.Bench.Tests;

/// <summary>
/// A small slice of the `chaos` run: the real gateway process is killed with SIGKILL twice while Core stations stream
/// to it, one station's Wi-Fi is down for hours and two stations lose power; every sent (boot, seq) is stored once.
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
}
