using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using Stations.Simulator.Cli;
using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Bench.Fleet;

/// <summary>
/// `storm [--stations 1000] [--backlog-minutes 60] [--auth-iterations 1000]` (P3): Core stations stream to the real
/// gateway process, then every station's link drops at the same moment for an hour (records pile up in each flash
/// outbox), then the network comes back for all at once and they reconnect (each on its own backoff timer, as the
/// boards do) and replay the hour live at ×1. Figures: time until all reconnected, time until drained, replay rate
/// (baseline: the steady rate before the drop in the same run), lost 0 / duplicated 0.
/// </summary>
public static class StormCommand
{
    const string Secret = "storm-bench-secret";

    /// <summary>How long one station's connect may wait for its CONNACK on the scheduler thread (see the fleet options).</summary>
    public static readonly TimeSpan StormConnectWait = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs P3 and prints the figures.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stations = (int)arguments.Number("--stations", 1_000, 1, 100_000);
        var backlog = TimeSpan.FromMinutes(arguments.Number("--backlog-minutes", 60, 1, 24 * 60));
        var iterations = (int)arguments.Number("--auth-iterations", 1_000, 1, 1_000_000);
        var limit = OpenFileLimit.RaiseTo(stations * 2L + 4_096);
        AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"P3 reconnect storm: {stations:N0} Core stations, storage {arguments.Choice("--storage", "sqlite", "sqlite", "postgres")}, {backlog.TotalMinutes:F0} min offline, open-file limit {limit:N0}, vm.max_map_count {OpenFileLimit.MaxMapCount():N0}, load {Machine.Load()}")));
        if (OpenFileLimit.WhyNotFit("gateway", stations, ConnectionsCommand.GatewayOwnDescriptorsEstimate, 64, limit, OpenFileLimit.Hard(), estimated: true) is { } why)
        {
            throw new ArgumentException("--stations: " + why);
        }

        if (ConnectionsCommand.MapCountNote(stations, OpenFileLimit.MaxMapCount()) is { } mapNote)
        {
            AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(mapNote) + "[/]");
        }

        await using var database = await BenchDatabase.FromArgumentsAsync(arguments, "p3").ConfigureAwait(false);
        await using var gateway = await GatewayProcess.StartAsync("p3", postgres: database.PostgresConnectionString).ConfigureAwait(false);
        var passwords = StationPasswords.FromDemoSecret(Secret);
        using var fleet = new SimulatedFleet(new FleetOptions
        {
            // A board's MQTT connect blocks until CONNACK. With no wait at all, Core hears "not yet", disconnects and
            // only sees the finished session at its next attempt — after an hour offline that is one more backoff
            // (up to 5 min + jitter): 1,000 stations drained in 593 s instead of 296 s. 100 ms covers a loopback
            // handshake; a slower one still falls back to the next attempt, so the scheduler thread never waits long.
            Broker = new BrokerEndpoint("127.0.0.1", gateway.BrokerPort) { ConnectWait = StormConnectWait },
            StationCount = stations,
            IdPrefix = "p3",
            Passwords = passwords,
            BootSpreadMs = 60_000, // boards power on at different moments: telemetry spread over the minute
            StartUtc = DateTimeOffset.Parse("2026-07-15T11:00:00+08:00", CultureInfo.InvariantCulture),
            LockstepStepMs = 30_000,
            SettleTimeout = TimeSpan.FromSeconds(5),
            // The final lockstep drain waits (up to SettleTimeout) for each station's acks before it advances virtual
            // time, in 2 s slices: with 10 s slices and no wait, 5,000 stations' 30 s ack timeouts ran out in virtual
            // time while the gateway acked in real time, and the drain turned into a re-send storm (1 M duplicates).
            MaxBacklogPerStation = 1,
        }, FirmwareCatalog.Core);
        await gateway.ProvisionAsync(fleet.Stations.Select(s => s.Id).ToArray(), passwords.For, iterations).ConfigureAwait(false);

        // 1. Steady state, live at ×1, until everyone is connected and two real minutes have passed: the baseline rate.
        var steady = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource())
        {
            var live = Task.Run(() => fleet.RunLiveAsync(1, null, stop.Token), CancellationToken.None);
            while (fleet.Stations.Any(s => !s.Board.Link.IsConnected) && steady.Elapsed < TimeSpan.FromMinutes(20) && !gateway.HasDied)
            {
                await Task.Delay(1_000).ConfigureAwait(false);
            }

            var ackedBefore = fleet.Summary().GatewayAcked;
            var window = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            var steadyRate = (fleet.Summary().GatewayAcked - ackedBefore) / window.Elapsed.TotalSeconds;
            var steadyLoad = Machine.Load();
            await stop.CancelAsync().ConfigureAwait(false);
            await live.ConfigureAwait(false);
            AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"steady: {LiveSummary.Line(fleet.Summary())}, {steadyRate:F1} msg/s acked, load {steadyLoad}")));
            if (gateway.HasDied)
            {
                fleet.Stop();
                AnsiConsole.MarkupLine("[red]" + Markup.Escape("P3 stopped: " + gateway.DeathReport()) + "[/]");
                return 1;
            }

            // 2. Every link drops at once; an hour passes offline (lockstep: nothing to wait for, so it goes fast).
            foreach (var station in fleet.Stations)
            {
                station.Inject(FaultKind.WifiDrop, (long)backlog.TotalMilliseconds);
            }

            var offline = Stopwatch.StartNew();
            fleet.RunFor(backlog);
            var pending = fleet.Stations.Sum(s => s.UnsentRecords + s.Counters.Unacked);
            AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"offline hour simulated in {offline.Elapsed.TotalSeconds:F0} s; {pending:N0} records waiting in the outboxes")));

            // 3. Network back for all at the same virtual instant: reconnect and replay, live at ×1 with real timers.
            var ackedAtReturn = fleet.Summary().GatewayAcked;
            var resentAtReturn = fleet.Summary().Resent;
            var storm = Stopwatch.StartNew();
            TimeSpan? allConnected = null;
            using var stop2 = new CancellationTokenSource();
            var replay = Task.Run(() => fleet.RunLiveAsync(1, null, stop2.Token), CancellationToken.None);
            var drainLimit = TimeSpan.FromMinutes(60);
            double loadLow = double.MaxValue, loadHigh = 0;
            while (storm.Elapsed < drainLimit && !gateway.HasDied)
            {
                await Task.Delay(1_000).ConfigureAwait(false);
                var load = double.Parse(Machine.Load().Split(' ')[0], CultureInfo.InvariantCulture);
                (loadLow, loadHigh) = (Math.Min(loadLow, load), Math.Max(loadHigh, load));
                var connected = fleet.Stations.All(s => s.Board.Link.IsConnected);
                if (connected && allConnected == null)
                {
                    allConnected = storm.Elapsed;
                }

                var waiting = fleet.Stations.Sum(s => s.UnsentRecords + s.Counters.Unacked);
                if ((int)storm.Elapsed.TotalSeconds % 10 == 0)
                {
                    AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"+{storm.Elapsed.TotalSeconds:F0} s {LiveSummary.Line(fleet.Summary())} not-yet-acked={waiting} load {load:F1}")));
                }

                // Drained: everyone back, everything published, at most the live message or two in flight per station.
                if (connected && fleet.Stations.All(s => s.UnsentRecords + s.Counters.Unacked <= 2))
                {
                    break;
                }
            }

            var drainTime = storm.Elapsed;
            var after = fleet.Summary();
            await stop2.CancelAsync().ConfigureAwait(false);
            await replay.ConfigureAwait(false);
            if (gateway.HasDied)
            {
                fleet.Stop();
                AnsiConsole.MarkupLine("[red]" + Markup.Escape("P3 stopped during the storm: " + gateway.DeathReport()) + "[/]");
                return 1;
            }

            var drained = FleetRun.Drain(fleet, TimeSpan.FromMinutes(5), CancellationToken.None, TimeSpan.FromSeconds(2));
            FleetLedger ledger;
            await using (var connection = await gateway.OpenAsync().ConfigureAwait(false))
            {
                ledger = await FleetLedger.CompareAsync(fleet, connection).ConfigureAwait(false);
            }

            fleet.Stop();
            var replayed = after.GatewayAcked - ackedAtReturn;
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]P3: reconnect storm[/]").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            void Row(string name, FormattableString value) => table.AddRow(Markup.Escape(name), Markup.Escape(FormattableString.Invariant(value)));
            Row("stations / offline", $"{stations:N0} / {backlog.TotalMinutes:F0} min");
            Row("records waiting when the network came back", $"{pending:N0}");
            Row("time until all reconnected", $"{allConnected?.TotalSeconds ?? double.NaN:F0} s");
            Row("time until drained", drainTime < drainLimit ? (FormattableString)$"{drainTime.TotalSeconds:F0} s" : $"not within {drainLimit.TotalMinutes:F0} min");
            Row("acked during the storm / rate", $"{replayed:N0} / {replayed / drainTime.TotalSeconds:F0} msg/s");
            Row("steady rate before the drop (baseline)", $"{steadyRate:F1} msg/s");
            Row("re-sent during the storm", $"{after.Resent - resentAtReturn:N0}");
            Row("final drain ok", $"{drained}");
            Row("ledger", $"{ledger}");
            Row("machine load (1-min) steady / during the storm", $"{steadyLoad} / {loadLow:F1}–{loadHigh:F1}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(Machine.Describe()));
            return drained && ledger.ZeroLoss ? 0 : 1;
        }
    }

}
