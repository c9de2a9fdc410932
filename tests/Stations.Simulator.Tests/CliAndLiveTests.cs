using Stations.Simulator.Cli;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Simulator.Tests;

[TestClass]
public sealed class CliAndLiveTests
{
    [TestMethod]
    public void CommandLineBecomesFleetOptions()
    {
        FleetOptions? seen = null;
        string? firmware = null;
        var root = SimulatorCommand.Build((options, fw, _, _, _, _) =>
        {
            seen = options;
            firmware = fw;
            return Task.FromResult(0);
        });
        int rc = root.Parse(["--broker", "10.0.0.5:1884", "-n", "25", "--profiles", "smart:1", "--seed", "9", "--faults", "wifi=1", "--firmware", "beacon"]).Invoke();
        Assert.AreEqual(0, rc);
        Assert.IsNotNull(seen);
        Assert.AreEqual("10.0.0.5", seen.Broker.Host);
        Assert.AreEqual(1884, seen.Broker.Port);
        Assert.AreEqual(25, seen.StationCount);
        Assert.AreEqual(9, seen.Seed);
        Assert.AreEqual(1, seen.Faults.WifiDrop);
        Assert.AreEqual("beacon", firmware);
    }

    [TestMethod]
    public void BadOptionsExitWithCodeTwoAndNameTheProblem()
    {
        var root = SimulatorCommand.Build((_, _, _, _, _, _) => Task.FromResult(0));
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.AreEqual(2, root.Parse(["--profiles", "fancy:1"]).Invoke());
        }
        finally
        {
            Console.SetError(original);
        }
        StringAssert.Contains(error.ToString(), "fancy");
    }

    [TestMethod]
    public async Task LiveRunFollowsRealTimeTimesTheAcceleration()
    {
        await using var broker = await InProcessBroker.StartAsync();
        using var fleet = new SimulatedFleet(new FleetOptions
        {
            Broker = new BrokerEndpoint("127.0.0.1", broker.Port) { ConnectWait = TimeSpan.Zero },
            StationCount = 3,
            StartUtc = DateTimeOffset.Parse("2026-07-15T12:00:00+08:00"),
        }, FirmwareCatalog.Core);
        await fleet.RunLiveAsync(acceleration: 600, realDuration: TimeSpan.FromSeconds(2), CancellationToken.None);
        var virtualElapsed = fleet.VirtualUtc - DateTimeOffset.Parse("2026-07-15T12:00:00+08:00");
        Assert.IsTrue(virtualElapsed >= TimeSpan.FromMinutes(10) && virtualElapsed <= TimeSpan.FromMinutes(25), $"virtual time moved {virtualElapsed}");
        await broker.WaitUntilAsync(() => broker.Received.Count(m => m.Topic.EndsWith("/status") && m.Payload.Contains("online")) == 3, "three births");
    }
}
