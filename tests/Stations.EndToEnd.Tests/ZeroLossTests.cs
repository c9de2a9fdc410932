using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Testing;

namespace Stations.EndToEnd.Tests;

/// <summary>
/// The simulator's Core stations (real `StationLink` + `StationController`) against the real gateway: every (boot, seq)
/// a station sent is stored exactly once, through Wi-Fi drops, power losses and a gateway restart.
/// </summary>
[TestClass]
public sealed class ZeroLossTests
{
    const int Stations = 6;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public Task EmbeddedBrokerOnSqlite_ThreeVirtualHoursWithWifiDropsAndPowerLosses_LoseAndDoubleNothing() =>
        ThreeVirtualHoursWithFaultsAsync(StorageKind.Sqlite, mosquitto: false, new FaultRates { WifiDrop = 2 });

    [TestMethod]
    public Task MosquittoOnPostgres_ThreeVirtualHoursWithWifiDropsAndPowerLosses_LoseAndDoubleNothing() =>
        ThreeVirtualHoursWithFaultsAsync(StorageKind.Postgres, mosquitto: true, FaultRates.None);

    async Task ThreeVirtualHoursWithFaultsAsync(StorageKind storage, bool mosquitto, FaultRates randomFaults)
    {
        SkipUnlessInstalled(storage, mosquitto);
        await using var bench = await ZeroLossBench.StartAsync(storage, mosquitto, "faults", ZeroLossBench.StationIds(Stations));
        using var fleet = bench.CreateFleet(Stations, seed: 5, randomFaults);

        fleet.RunFor(TimeSpan.FromMinutes(30));
        fleet.Stations[0].Inject(FaultKind.WifiDrop, durationMs: 45 * 60_000);
        fleet.Stations[1].Inject(FaultKind.PowerLoss, durationMs: 3 * 60_000);
        fleet.RunFor(TimeSpan.FromHours(1));
        fleet.Stations[2].Inject(FaultKind.WifiDrop, durationMs: 20 * 60_000);
        fleet.Stations[3].Inject(FaultKind.PowerLoss, durationMs: 10 * 60_000);
        fleet.Stations[0].Inject(FaultKind.PowerLoss, durationMs: 2 * 60_000);
        fleet.RunFor(TimeSpan.FromHours(1.5));
        await ZeroLossBench.DrainAsync(fleet);

        var report = await bench.CompareAsync(fleet);
        TestContext.WriteLine(report.ToString());
        report.AssertZeroLoss();
        Assert.IsGreaterThanOrEqualTo((long)Stations + 3, report.Boots, "the power losses rebooted stations (new boot ids)");
        Assert.AreEqual(0, fleet.Stations.Sum(s => s.Crashes), fleet.Stations.FirstOrDefault(s => s.LastCrash != null)?.LastCrash?.ToString());
        Assert.IsGreaterThan(0L, report.VisitEventsStored, "visitors came");
    }

    [TestMethod]
    public Task EmbeddedBrokerOnSqlite_GatewayStoppedMidStreamAndRestarted_LosesAndDoublesNothing() =>
        GatewayRestartAsync(StorageKind.Sqlite, mosquitto: false);

    [TestMethod]
    public Task MosquittoOnPostgres_GatewayStoppedMidStreamAndRestarted_LosesAndDoublesNothing() =>
        GatewayRestartAsync(StorageKind.Postgres, mosquitto: true);

    async Task GatewayRestartAsync(StorageKind storage, bool mosquitto)
    {
        SkipUnlessInstalled(storage, mosquitto);
        await using var bench = await ZeroLossBench.StartAsync(storage, mosquitto, "restart", ZeroLossBench.StationIds(Stations));
        using var fleet = bench.CreateFleet(Stations, seed: 11);
        fleet.RunFor(TimeSpan.FromMinutes(30));

        // Stations keep sending on the scheduler thread while the gateway goes away under them.
        var ackedBefore = fleet.Stations.Sum(s => s.Counters.Acked);
        var running = Task.Run(() => fleet.RunFor(TimeSpan.FromHours(1)), TestContext.CancellationToken);
        await ZeroLossBench.WaitUntilAsync(() => fleet.Stations.Sum(s => s.Counters.Acked) >= ackedBefore + 40 || running.IsCompleted, "the stream to be flowing");
        Assert.IsFalse(running.IsCompleted, "the gateway is stopped while the fleet is still running");
        await bench.StopGatewayAsync();
        var stoppedAtMs = fleet.Clock.UtcNowMs;

        // Ten virtual minutes without a gateway: records pile up in the stations' flash outboxes.
        await ZeroLossBench.WaitUntilAsync(() => fleet.Clock.UtcNowMs >= stoppedAtMs + 10 * 60_000 || running.IsCompleted, "the fleet to run on without the gateway");
        await bench.StartGatewayAsync();
        await running;
        await ZeroLossBench.DrainAsync(fleet);

        var report = await bench.CompareAsync(fleet);
        TestContext.WriteLine(report.ToString());
        report.AssertZeroLoss();
    }

    /// <summary>
    /// The once-deterministic Mosquitto stall: a two-message ingestion queue and batch make the gateway slow, so without
    /// ack pacing the fleet outran it, Mosquitto's queue for the gateway overflowed and dropped messages, and the acks
    /// stopped at the gaps (every run). Now the gateway's Receive Maximum matches its queue and the fleet is paced by acks.
    /// </summary>
    [TestMethod]
    public async Task MosquittoOnSqlite_TwoMessageIngestionQueue_BackPressureNeitherStallsNorLoses()
    {
        SkipUnlessInstalled(StorageKind.Sqlite, mosquitto: true);
        var tinyQueue = new Dictionary<string, string?>
        {
            ["Gateway:Ingestion:QueueCapacity"] = "2",
            ["Gateway:Ingestion:MaxBatchSize"] = "2",
        };
        await using var bench = await ZeroLossBench.StartAsync(StorageKind.Sqlite, mosquitto: true, "tinyqueue", ZeroLossBench.StationIds(Stations), tinyQueue);
        using var fleet = bench.CreateFleet(Stations, seed: 7);
        fleet.RunFor(TimeSpan.FromHours(1));
        await ZeroLossBench.DrainAsync(fleet);

        var report = await bench.CompareAsync(fleet);
        TestContext.WriteLine(report.ToString());
        report.AssertZeroLoss();
        Assert.IsGreaterThan(400L, report.Stored, "the fleet sent a real stream");
    }

    static void SkipUnlessInstalled(StorageKind storage, bool mosquitto)
    {
        if (mosquitto && !MosquittoServer.IsInstalled)
        {
            Assert.Inconclusive("mosquitto is not installed (test.sh installs it)");
        }

        if (storage == StorageKind.Postgres && !PostgresServer.IsInstalled)
        {
            Assert.Inconclusive("PostgreSQL 15 is not installed (test.sh installs it)");
        }
    }
}
