using Stations.Bench.Fleet;

namespace Stations.Bench.Tests;

/// <summary>
/// A small slice of the `fleet` run (issue 7): a few hundred real Core stations on the simulator's one scheduler thread
/// against the real gateway process (embedded broker + SQLite), accelerated with the boards' link timers kept in real
/// time. Correctness only (connected, acked, drained, lossless, almost no re-sends), never timing.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FleetTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ThreeHundredCoreStationsAtTwentyTimesRealTimeStayConnectedAckedAndLoseNothing()
    {
        var result = await FleetRun.RunAsync(new FleetRunOptions
        {
            Stations = 300,
            Acceleration = 20,
            Duration = TimeSpan.FromSeconds(20),
            AuthIterations = 1, // the run is about pacing and acks, not the login hash's cost
            DrainLimit = TimeSpan.FromMinutes(2),
        }, TestContext.CancellationToken);
        TestContext.WriteLine($"{result.AtEndOfLive} | {result.Ledger} | pace ×{result.VirtualPace:F1} | ack p50 {result.AckP50Ms:F0} ms p99 {result.AckP99Ms:F0} ms");

        Assert.AreEqual(300, result.AtEndOfLive.Connected, "every station connected");
        Assert.IsGreaterThan(300L, result.AtEndOfLive.GatewayAcked, "the gateway acked the stream");
        Assert.IsLessThan(result.AtEndOfLive.Sent / 20 + 1, result.AtEndOfLive.Resent, "re-sends stay rare (an ack timeout is 30 real seconds, not 1.5)");
        Assert.IsTrue(result.Drained, $"drained: backlog {result.AfterDrain.Backlog}");
        Assert.IsTrue(result.Ledger.ZeroLoss, result.Ledger.ToString());
        Assert.AreEqual(0, result.Crashes);
    }

    [TestMethod]
    public void ConnectionsThatDoNotFitTheOpenFileLimitAreRefusedWithTheLargestCountThatFitsAndHowToRaiseIt()
    {
        // The container's hard limit is 20,000 and the gateway holds ≈ 350 descriptors with no connection.
        var why = OpenFileLimit.WhyNotFit("gateway", 20_000, 350, 64, 20_000, 20_000);

        Assert.IsNotNull(why);
        StringAssert.Contains(why, "20,414 > 20,000");
        StringAssert.Contains(why, "At most 19,586 stations fit");
        StringAssert.Contains(why, "CAP_SYS_RESOURCE");
        StringAssert.Contains(why, "ulimit -Hn");
        Assert.IsNull(OpenFileLimit.WhyNotFit("gateway", 19_500, 350, 64, 20_000, 20_000));
    }

    [TestMethod]
    public void ALowMaxMapCountNamesTheSysctlThatRaisesIt()
    {
        var note = ConnectionsCommand.MapCountNote(19_500, 65_530);

        Assert.IsNotNull(note);
        StringAssert.Contains(note, "sysctl -w vm.max_map_count=262144");
        Assert.IsNull(ConnectionsCommand.MapCountNote(19_500, OpenFileLimit.RecommendedMaxMapCount));
        Assert.IsNull(ConnectionsCommand.MapCountNote(1_000, 65_530), "a small run does not need it");
    }
}
