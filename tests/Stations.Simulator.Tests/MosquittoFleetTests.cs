using Stations.Simulator.Fleet;
using Stations.Simulator.Link;
using Stations.Testing;

namespace Stations.Simulator.Tests;

/// <summary>A Core fleet against a real Mosquitto with per-station passwords and the per-station ACL.</summary>
[TestClass]
public sealed class MosquittoFleetTests
{
    private const string Secret = "test-demo-secret";

    [TestMethod]
    public async Task SeededCoreFleetThroughMosquittoIsReproducibleAndFullyAcked()
    {
        if (!MosquittoServer.IsInstalled) Assert.Inconclusive("mosquitto is not installed (test.sh installs it)");
        var ids = new[] { "sim-0001", "sim-0002", "sim-0003", "sim-0004" };
        var users = ids.ToDictionary(id => id, id => StationPasswords.Derive(Secret, id));
        users["gateway"] = "gateway-pw";
        await using var mosquitto = await MosquittoServer.StartAsync(users, "gateway");

        async Task<(FleetSummary Summary, int AtGateway)> RunOnceAsync()
        {
            using var gateway = await TestGateway.ConnectAsync(mosquitto.Port, "gateway", "gateway-pw");
            using var fleet = new SimulatedFleet(new FleetOptions
            {
                Broker = new BrokerEndpoint("127.0.0.1", mosquitto.Port) { ConnectWait = TimeSpan.FromSeconds(5) },
                StationCount = 4,
                ProfileMix = "busy:1,quiet:1,smart:1,neglected:1",
                Seed = 21,
                StartUtc = DateTimeOffset.Parse("2026-07-15T17:00:00+08:00"),
                TickMs = 500,
                Passwords = StationPasswords.FromDemoSecret(Secret),
            }, FirmwareCatalog.Core);
            fleet.RunFor(TimeSpan.FromHours(2));
            await TestGateway.WaitUntilAsync(() => { fleet.RunFor(TimeSpan.FromSeconds(10)); return fleet.Summary().Backlog == 0; }, "acks through mosquitto");
            var summary = fleet.Summary();
            fleet.Stop();
            return (summary, gateway.Received.Count(m => !m.Topic.EndsWith("/status")));
        }

        var first = await RunOnceAsync();
        Assert.AreEqual(4, first.Summary.Connected, "every station logged in with its derived password");
        Assert.AreEqual(4, first.Summary.EventTypes["boot"]);
        Assert.IsTrue(first.Summary.EventTypes.GetValueOrDefault("visit") > 0);
        Assert.IsTrue(first.Summary.Telemetry >= 4 * 115);
        Assert.IsTrue(first.AtGateway >= first.Summary.Sent * 0.99, "the ACL lets station messages through to the gateway");

        var second = await RunOnceAsync();
        CollectionAssert.AreEquivalent(first.Summary.EventTypes.ToList(), second.Summary.EventTypes.ToList(), "same seed, same event mix");
    }

    [TestMethod]
    public async Task WrongPasswordNeverConnects()
    {
        if (!MosquittoServer.IsInstalled) Assert.Inconclusive("mosquitto is not installed (test.sh installs it)");
        await using var mosquitto = await MosquittoServer.StartAsync(new Dictionary<string, string> { ["sim-0001"] = "right", ["gateway"] = "g" }, "gateway");
        using var fleet = new SimulatedFleet(new FleetOptions
        {
            Broker = new BrokerEndpoint("127.0.0.1", mosquitto.Port) { ConnectWait = TimeSpan.FromSeconds(5) },
            StationCount = 1,
            Passwords = StationPasswords.FromDemoSecret("not-the-secret"),
        }, FirmwareCatalog.Core);
        fleet.RunFor(TimeSpan.FromMinutes(2));
        Assert.AreEqual(0, fleet.Summary().Connected);
        Assert.AreEqual(0, fleet.Stations[0].Counters.Connects);
    }
}
