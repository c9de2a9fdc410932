using System.Diagnostics;
using System.Globalization;
using Stations.Bench.Fleet;
using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Bench.Chaos;

/// <summary>How hard the chaos run shakes things.</summary>
public sealed record ChaosRunOptions
{
    /// <summary>Core stations.</summary>
    public int Stations { get; init; } = 40;

    /// <summary>
    /// Times a gateway process is killed with SIGKILL mid-stream (and started again after five virtual minutes); with
    /// several instances the kills go round them (kill 1 hits gateway 1, kill 2 gateway 2, …).
    /// </summary>
    public int Kills { get; init; } = 10;

    /// <summary>Where stations connect: the embedded broker (default) or a real Mosquitto.</summary>
    public ChaosBroker Broker { get; init; } = ChaosBroker.Embedded;

    /// <summary>Gateway instances on Mosquitto's shared subscription, all on one SQLite file (1 with the embedded broker).</summary>
    public int Gateways { get; init; } = 1;

    /// <summary>Times Mosquitto is killed with SIGKILL mid-stream and started again on the same port (no persistence).</summary>
    public int BrokerRestarts { get; init; }

    /// <summary>Virtual time the fleet runs (the kills are spread over it).</summary>
    public TimeSpan VirtualDuration { get; init; } = TimeSpan.FromHours(26);

    /// <summary>How long station 1's Wi-Fi is down (from the first virtual hour); a simulated day by default.</summary>
    public TimeSpan LinkDrop { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Power cuts (each a reboot with a new boot id), spread over the stations and the run.</summary>
    public int PowerCuts { get; init; } = 8;

    /// <summary>PBKDF2 iterations of the provisioned password hashes (cheap: the run is about loss, not login cost).</summary>
    public int AuthIterations { get; init; } = 1_000;

    /// <summary>Seed of the fleet and of the kill moments.</summary>
    public long Seed { get; init; } = 7;

    /// <summary>Longest real wait for the final drain.</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Progress lines (null: silent).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>What the chaos run found.</summary>
public sealed record ChaosRunResult(FleetLedger Ledger, bool Drained, int Kills, int GatewayStarts, long PowerCuts, long Boots, TimeSpan RealTime, FleetSummary Summary, int Crashes, long DeadLetters, long DroppedRanges,
    int BrokerRestarts = 0, int BrokerStarts = 0, int Gateways = 1, IReadOnlyList<long>? AcksPublishedByGateway = null)
{
    /// <summary>Lost 0, duplicated 0, nothing invented, everything acked, nothing dead-lettered or dropped, no firmware crash.</summary>
    public bool Passed => Drained && Ledger.ZeroLoss && Crashes == 0 && DeadLetters == 0 && DroppedRanges == 0;
}

/// <summary>
/// Chaos (issue 12): the real gateway as a child process (embedded broker + SQLite) is killed with SIGKILL while Core
/// stations stream to it, then started again on the same data; meanwhile one station's Wi-Fi is down for a simulated
/// day and stations lose power (reboot with new boot ids). At the end every station's sent (boot, seq) set is compared
/// with the stored set. With <see cref="ChaosBroker.Mosquitto"/> the stations connect to a real Mosquitto that is also
/// killed with SIGKILL mid-stream and restarted (every session and queued message gone), and one or more gateway
/// instances share the stream on an MQTT 5 shared subscription and one SQLite file (<see cref="ChaosRig"/>).
/// </summary>
public static class ChaosRun
{
    const string Secret = "chaos-bench-secret";

    /// <summary>Runs it; the gateway process is started, killed and finally removed here.</summary>
    public static async Task<ChaosRunResult> RunAsync(ChaosRunOptions run, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var log = run.Log ?? (_ => { });
        var watch = Stopwatch.StartNew();
        OpenFileLimit.RaiseTo(run.Stations * 2L + 4_096);
        await using var rig = await ChaosRig.PrepareAsync(run, cancel).ConfigureAwait(false);
        var passwords = StationPasswords.FromDemoSecret(Secret);
        var options = new FleetOptions
        {
            Broker = new BrokerEndpoint("127.0.0.1", rig.StationPort) { ConnectWait = TimeSpan.FromSeconds(5) },
            StationCount = run.Stations,
            IdPrefix = "chaos",
            ProfileMix = "busy:2,quiet:1,smart:1,neglected:1",
            Seed = run.Seed,
            StartUtc = DateTimeOffset.Parse("2026-07-15T06:00:00+08:00", CultureInfo.InvariantCulture),
            LockstepStepMs = 30_000,
            SettleTimeout = TimeSpan.FromSeconds(run.Broker == ChaosBroker.Mosquitto ? 2 : 5),

            // Mosquitto PUBACKs at once, so a settled link says nothing about the gateway's `ack`: without waiting for
            // it each 30 s step would pass the stations' 30 s ack timeout before the ack arrives, and every record would
            // be replayed many times over. Wait (up to SettleTimeout) until each connected station has at most one
            // record unacknowledged, as the embedded broker's held PUBACK does by itself.
            MaxBacklogPerStation = run.Broker == ChaosBroker.Mosquitto ? 1 : 0,
            Passwords = passwords,
            FlashBytes = 2 * 1024 * 1024, // the 8 MB module's partition: its 1.5 MB outbox holds the day-long link drop
        };
        using var fleet = new SimulatedFleet(options, FirmwareCatalog.Core);
        await rig.StartAsync(fleet.Stations.Select(s => s.Id).ToArray(), passwords.For, cancel).ConfigureAwait(false);

        // Station faults are applied between slices on this thread (the fleet is not thread-safe). A kill happens while a
        // slice runs on another thread, at a moment with publishes in flight, so it lands mid-batch, mid-ack, mid-replay.
        var start = fleet.Clock.UtcNowMs;
        var end = start + (long)run.VirtualDuration.TotalMilliseconds;
        var cuts = PowerCutPlan(run, start);
        var kills = KillPlan(run, start, end);
        var restarts = BrokerRestartPlan(run, start, end);
        var dropAt = start + 3_600_000L;
        var dropped = false;
        long powerCuts = 0;
        var killed = 0;
        var restarted = 0;
        while (fleet.Clock.UtcNowMs < end && !cancel.IsCancellationRequested)
        {
            if (kills.Count > 0 && kills[0] <= fleet.Clock.UtcNowMs)
            {
                kills.RemoveAt(0);
                killed++;
                var gateway = rig.Gateways[(killed - 1) % rig.Gateways.Count];
                await KillMidStreamAsync(gateway, rig.Gateways.Count == 1 ? "" : " gateway " + (1 + (killed - 1) % rig.Gateways.Count), fleet, killed, start, log, cancel).ConfigureAwait(false);
            }
            else if (restarts.Count > 0 && restarts[0].AtMs <= fleet.Clock.UtcNowMs)
            {
                var downMs = restarts[0].DownMs;
                restarts.RemoveAt(0);
                restarted++;
                await RestartBrokerMidStreamAsync(rig.Mosquitto!, downMs, fleet, restarted, start, log, cancel).ConfigureAwait(false);
            }
            else
            {
                fleet.RunFor(TimeSpan.FromMinutes(5), cancel);
            }

            var now = fleet.Clock.UtcNowMs;
            if (!dropped && now >= dropAt && run.LinkDrop > TimeSpan.Zero)
            {
                dropped = true;
                fleet.Stations[0].Inject(FaultKind.WifiDrop, (long)run.LinkDrop.TotalMilliseconds);
                log($"{fleet.Stations[0].Id}: Wi-Fi down for {run.LinkDrop.TotalHours:F0} h");
            }

            while (cuts.Count > 0 && cuts[0].AtMs <= now)
            {
                var station = fleet.Stations[cuts[0].Station];
                station.Inject(FaultKind.PowerLoss, cuts[0].DurationMs);
                powerCuts++;
                log($"{station.Id}: power cut for {cuts[0].DurationMs / 60_000} min");
                cuts.RemoveAt(0);
            }
        }

        await rig.EnsureRunningAsync(cancel).ConfigureAwait(false);

        foreach (var station in fleet.Stations)
        {
            station.RepairAll();
        }

        log("draining");
        var drained = FleetRun.Drain(fleet, run.DrainLimit, cancel);
        FleetLedger ledger;
        long deadLetters, droppedRanges;
        await using (var connection = await rig.Database.OpenAsync().ConfigureAwait(false))
        {
            ledger = await FleetLedger.CompareAsync(fleet, connection).ConfigureAwait(false);
            deadLetters = await CountAsync(connection, "dead_letters").ConfigureAwait(false);
            droppedRanges = await CountAsync(connection, "dropped_ranges").ConfigureAwait(false);
        }

        var summary = fleet.Summary();
        fleet.Stop();
        return new ChaosRunResult(ledger, drained, killed, rig.GatewayStarts, powerCuts, summary.Boots, watch.Elapsed, summary,
            fleet.Stations.Sum(s => s.Crashes), deadLetters, droppedRanges, restarted, rig.Mosquitto?.Starts ?? 0, rig.Gateways.Count, rig.AcksPublished());
    }

    static async Task RestartBrokerMidStreamAsync(ChaosMosquitto broker, long downMs, SimulatedFleet fleet, int number, long start, Action<string> log, CancellationToken cancel)
    {
        var slice = Task.Run(() => fleet.RunFor(TimeSpan.FromMinutes(5), cancel), CancellationToken.None);
        var inFlight = await WaitForPublishesInFlightAsync(fleet, slice).ConfigureAwait(false);
        broker.Kill();
        log(FormattableString.Invariant($"mosquitto kill -9 #{number} at virtual +{(fleet.Clock.UtcNowMs - start) / 60_000.0:F0} min ({inFlight} publishes in flight)"));
        await slice.ConfigureAwait(false);

        // Down for a few virtual minutes (stations retry and pile records up in flash), then back on the same port with
        // nothing: no sessions, no subscriptions, no queued messages. Stations and gateways reconnect on their own.
        fleet.RunFor(TimeSpan.FromMilliseconds(downMs), cancel);
        await broker.StartAgainAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Mid-stream: waits for a moment with publishes in flight (bounded, so a quiet fleet does not stall the run).</summary>
    static async Task<int> WaitForPublishesInFlightAsync(SimulatedFleet fleet, Task slice)
    {
        var busy = Stopwatch.StartNew();
        while (!slice.IsCompleted && busy.Elapsed < TimeSpan.FromSeconds(5) && fleet.Stations.All(s => s.Board.Link.InFlight == 0))
        {
            await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        }

        return fleet.Stations.Sum(s => s.Board.Link.InFlight);
    }

    static async Task KillMidStreamAsync(GatewayProcess gateway, string name, SimulatedFleet fleet, int number, long start, Action<string> log, CancellationToken cancel)
    {
        var slice = Task.Run(() => fleet.RunFor(TimeSpan.FromMinutes(5), cancel), CancellationToken.None);
        var inFlight = await WaitForPublishesInFlightAsync(fleet, slice).ConfigureAwait(false);
        gateway.Kill();
        log(FormattableString.Invariant($"kill -9{name} #{number} at virtual +{(fleet.Clock.UtcNowMs - start) / 60_000.0:F0} min ({inFlight} publishes in flight)"));
        await slice.ConfigureAwait(false);

        // Down for five more virtual minutes (records pile up in the stations' flash), then back on the same data.
        fleet.RunFor(TimeSpan.FromMinutes(5), cancel);
        await gateway.StartAgainAsync(cancel).ConfigureAwait(false);
    }

    static List<long> KillPlan(ChaosRunOptions run, long start, long end)
    {
        // Kill k lands somewhere in the k-th slice of the first 90 % of the run (the rest lets the stream flow again).
        var random = new Random((int)run.Seed);
        var slice = (end - start) * 0.9 / Math.Max(1, run.Kills);
        return Enumerable.Range(0, run.Kills).Select(k => start + (long)(slice * (k + 0.2 + random.NextDouble() * 0.6))).ToList();
    }

    static List<(long AtMs, long DownMs)> BrokerRestartPlan(ChaosRunOptions run, long start, long end)
    {
        // Restart r lands somewhere in the r-th slice of the first 90 % of the run, down for 1 to 3 virtual minutes.
        var random = new Random((int)run.Seed + 2);
        var slice = (end - start) * 0.9 / Math.Max(1, run.BrokerRestarts);
        return Enumerable.Range(0, run.BrokerRestarts)
            .Select(r => (start + (long)(slice * (r + 0.1 + random.NextDouble() * 0.8)), random.Next(1, 4) * 60_000L))
            .ToList();
    }

    static List<(long AtMs, int Station, long DurationMs)> PowerCutPlan(ChaosRunOptions run, long start)
    {
        var random = new Random((int)run.Seed + 1);
        var plan = new List<(long, int, long)>();
        for (var i = 0; i < run.PowerCuts; i++)
        {
            var at = start + (long)(run.VirtualDuration.TotalMilliseconds * 0.9 * (i + 1) / (run.PowerCuts + 1));
            var station = run.Stations == 1 ? 0 : 1 + random.Next(run.Stations - 1); // station 0 has the long Wi-Fi drop
            plan.Add((at, station, random.Next(1, 60) * 60_000L));
        }

        return plan;
    }

    static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
