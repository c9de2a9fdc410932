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
}
