using System.Diagnostics;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Bench.Fleet;

/// <summary>What a fleet run does: how many Core stations, how fast, for how long, how cheap the password checks are.</summary>
public sealed record FleetRunOptions
{
    /// <summary>Core stations in the simulator process.</summary>
    public int Stations { get; init; } = 2_000;

    /// <summary>Virtual seconds per real second (1 = the field's real telemetry rate, one snapshot a minute per station).</summary>
    public double Acceleration { get; init; } = 1;

    /// <summary>Real time the fleet runs live (after which it drains).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>PBKDF2 iterations of the provisioned password hashes (the gateway's own is 100,000; see docs/performance.md, P2).</summary>
    public int AuthIterations { get; init; } = 1_000;

    /// <summary>Seed of the fleet.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Longest real wait for every station to be connected and fully acked after the live part.</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Called every few seconds with the fleet during the live part (the Spectre table; null in tests).</summary>
    public Func<SimulatedFleet, Task, Task>? Show { get; init; }
}

/// <summary>Figures of a fleet run.</summary>
public sealed record FleetRunResult(
    FleetSummary AtEndOfLive,
    FleetSummary AfterDrain,
    FleetLedger Ledger,
    bool Drained,
    double VirtualPace,
    double AckP50Ms,
    double AckP99Ms,
    double SimulatorCpuPercent,
    double GatewayCpuPercent,
    long GatewayResidentBytes,
    long SimulatorWorkingSetBytes,
    TimeSpan ConnectAllTime,
    int Crashes);

/// <summary>
/// Issue 7: thousands of Core stations (real `StationLink` + `StationController`) in one process on the simulator's
/// single scheduler thread, against the real gateway as a child process (embedded broker + SQLite) that acks every
/// stored batch. Live at a given acceleration with the boards' link timers in real time, then drained in lockstep and
/// compared: every sent (boot, seq) stored once.
/// </summary>
public static class FleetRun
{
    /// <summary>Demo secret the station passwords derive from.</summary>
    public const string Secret = "fleet-bench-secret";

    /// <summary>Runs it; the gateway process is started and killed here.</summary>
    public static async Task<FleetRunResult> RunAsync(FleetRunOptions run, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        OpenFileLimit.RaiseTo(run.Stations * 2L + 4_096);
        await using var gateway = await GatewayProcess.StartAsync("fleet", cancel: cancel).ConfigureAwait(false);
        var passwords = StationPasswords.FromDemoSecret(Secret);
        var latency = new AckLatencyRecorder();
        var options = new FleetOptions
        {
            // Live: a connect never blocks the scheduler (Core's next attempt picks up the handshake).
            Broker = new BrokerEndpoint("127.0.0.1", gateway.BrokerPort) { ConnectWait = TimeSpan.Zero },
            StationCount = run.Stations,
            IdPrefix = "fleet",
            Seed = run.Seed,
            Passwords = passwords,
            BootSpreadMs = 60_000, // boards power on at different moments: telemetry spread over the minute
            LinkTimeScale = Math.Max(1, run.Acceleration),
            AckLatency = latency,
            LockstepStepMs = 10_000,
            SettleTimeout = TimeSpan.FromSeconds(5),
        };
        using var fleet = new SimulatedFleet(options, FirmwareCatalog.Core);
        await gateway.ProvisionAsync(fleet.Stations.Select(s => s.Id).ToArray(), passwords.For, run.AuthIterations).ConfigureAwait(false);

        var self = Process.GetCurrentProcess();
        var simCpu0 = self.TotalProcessorTime;
        var gwCpu0 = gateway.CpuTime();
        var watch = Stopwatch.StartNew();
        var virtual0 = fleet.Clock.UtcNowMs;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var live = Task.Run(() => fleet.RunLiveAsync(run.Acceleration, run.Duration, stop.Token), CancellationToken.None);
        var connectAll = Task.Run(async () =>
        {
            while (!live.IsCompleted && fleet.Stations.Any(s => !s.Board.Link.IsConnected))
            {
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
            }

            var connected = watch.Elapsed;
            latency.Reset(); // the ack figures describe steady state, not the connect storm
            return connected;
        }, CancellationToken.None);
        if (run.Show != null)
        {
            await run.Show(fleet, live).ConfigureAwait(false);
        }

        await live.ConfigureAwait(false);
        var realSeconds = watch.Elapsed.TotalSeconds;
        var pace = (fleet.Clock.UtcNowMs - virtual0) / 1000.0 / realSeconds;
        var simCpu = (self.TotalProcessorTime - simCpu0).TotalSeconds / realSeconds * 100;
        var gwCpu = (gateway.CpuTime() - gwCpu0).TotalSeconds / realSeconds * 100;
        var gatewayRss = gateway.ResidentBytes();
        self.Refresh();
        var simMemory = self.WorkingSet64;
        var atEnd = fleet.Summary();
        var connectTime = await connectAll.ConfigureAwait(false);
        var p50 = latency.PercentileMs(0.50);
        var p99 = latency.PercentileMs(0.99);

        var drained = Drain(fleet, run.DrainLimit, cancel);
        var after = fleet.Summary();
        FleetLedger ledger;
        await using (var connection = await gateway.OpenAsync().ConfigureAwait(false))
        {
            ledger = await FleetLedger.CompareAsync(fleet, connection).ConfigureAwait(false);
        }

        fleet.Stop();
        return new FleetRunResult(atEnd, after, ledger, drained, pace, p50, p99, simCpu, gwCpu, gatewayRss, simMemory,
            connectTime, fleet.Stations.Sum(s => s.Crashes));
    }

    /// <summary>
    /// Runs in short lockstep slices (<paramref name="slice"/> of virtual time each, 10 s unless given) until every
    /// station is connected with nothing unacked (or the limit passes).
    /// </summary>
    public static bool Drain(SimulatedFleet fleet, TimeSpan limit, CancellationToken cancel, TimeSpan? slice = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit && !cancel.IsCancellationRequested)
        {
            if (fleet.Stations.All(s => !s.PoweredOff && s.Board.Link.IsConnected && s.Counters.Unacked == 0))
            {
                return true;
            }

            fleet.RunFor(slice ?? TimeSpan.FromSeconds(10), cancel);
        }

        return false;
    }
}
