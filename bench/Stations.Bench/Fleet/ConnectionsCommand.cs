using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Spectre.Console;
using Stations.Simulator.Cli;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Bench.Fleet;

/// <summary>
/// `connections [--stations 20000] [--minutes 3] [--auth-iterations 1000]` (P2): N Core stations connected at once at
/// the field's rate (×1: one telemetry snapshot a minute each) to the real gateway process. Same-run baselines: the
/// gateway's resident memory with 0 connections, and the publish → PUBACK round trip of a bare MQTTnet broker.
/// Raises the open-file limit of this process (and so of the gateway it starts) to N + 4096 where allowed.
/// </summary>
public static class ConnectionsCommand
{
    const string Secret = "connections-bench-secret";

    /// <summary>Runs P2 and prints the figures.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stations = (int)arguments.Number("--stations", 20_000, 1, 100_000);
        var measure = TimeSpan.FromMinutes(arguments.Number("--minutes", 3, 1, 600));
        var iterations = (int)arguments.Number("--auth-iterations", 1_000, 1, 1_000_000);
        // This process holds N sockets; the gateway process (which inherits the limit) holds N more.
        var limit = OpenFileLimit.RaiseTo(stations + 4_096L);
        AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"P2 connections: {stations:N0} Core stations at ×1, open-file limit {limit:N0}, PBKDF2 {iterations:N0} iterations")));
        if (limit < stations + 500L)
        {
            throw new ArgumentException($"--stations {stations}: the open-file limit is {limit} and cannot be raised (no CAP_SYS_RESOURCE for the hard limit); use at most {limit - 500} stations or raise it first (`ulimit -Hn {stations + 4096}` as root)");
        }

        var authMs = TimePbkdf2Ms(100_000);
        await using var gateway = await GatewayProcess.StartAsync("p2").ConfigureAwait(false);
        var passwords = StationPasswords.FromDemoSecret(Secret);
        var latency = new AckLatencyRecorder();
        using var fleet = new SimulatedFleet(new FleetOptions
        {
            Broker = new BrokerEndpoint("127.0.0.1", gateway.BrokerPort) { ConnectWait = TimeSpan.Zero },
            StationCount = stations,
            IdPrefix = "p2",
            ProfileMix = "quiet:1",
            Passwords = passwords,
            BootSpreadMs = 60_000, // boards power on at different moments: telemetry spread over the minute
            AckLatency = latency,
        }, FirmwareCatalog.Core);
        await gateway.ProvisionAsync(fleet.Stations.Select(s => s.Id).ToArray(), passwords.For, iterations).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var idleRss = gateway.ResidentBytes();

        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var live = Task.Run(() => fleet.RunLiveAsync(1, null, stop.Token), CancellationToken.None);
        var connectLimit = TimeSpan.FromMinutes(30);
        while (watch.Elapsed < connectLimit && fleet.Stations.Any(s => !s.Board.Link.IsConnected))
        {
            await Task.Delay(1_000).ConfigureAwait(false);
            if (watch.Elapsed.TotalSeconds % 10 < 1)
            {
                AnsiConsole.MarkupLine(Markup.Escape(LiveSummary.Line(fleet.Summary())));
            }
        }

        var connectTime = watch.Elapsed;
        var connectedAtStart = fleet.Summary().Connected;
        latency.Reset();
        var gwCpu0 = gateway.CpuTime();
        var measured = Stopwatch.StartNew();
        await Task.Delay(measure).ConfigureAwait(false);
        var gwCpu = (gateway.CpuTime() - gwCpu0).TotalSeconds / measured.Elapsed.TotalSeconds * 100;
        var busyRss = gateway.ResidentBytes();
        var summary = fleet.Summary();
        var (p50, p99) = (latency.PercentileMs(0.5), latency.PercentileMs(0.99));
        var samples = latency.Count;
        var self = Process.GetCurrentProcess();
        var simMemory = self.WorkingSet64;
        await stop.CancelAsync().ConfigureAwait(false);
        await live.ConfigureAwait(false);
        fleet.Stop();

        var raw = await RawBrokerRoundTrip.MeasureAsync(200, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]P2: connections[/]").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(Markup.Escape(name), Markup.Escape(FormattableString.Invariant(value)));
        Row("stations / connected (start / end of measuring)", $"{stations:N0} / {connectedAtStart:N0} / {summary.Connected:N0}");
        Row("time until all connected", $"{connectTime.TotalSeconds:F0} s");
        Row("gateway RSS, 0 connections (baseline)", $"{idleRss / 1048576.0:F0} MB");
        Row("gateway RSS, all connected", $"{busyRss / 1048576.0:F0} MB");
        Row("gateway memory per connection", $"{(busyRss - idleRss) / (double)Math.Max(1, summary.Connected) / 1024:F1} KB");
        Row("gateway CPU while measuring (of one core)", $"{gwCpu:F0} %");
        Row("messages acked while measuring", $"{samples:N0} ({samples / measured.Elapsed.TotalSeconds:F0} msg/s)");
        Row("ack p50 / p99 (publish → gateway ack)", $"{p50:F0} / {p99:F0} ms");
        Row("raw MQTTnet broker p50 / p99 (200 clients, 1 msg/s each)", $"{raw.P50Ms:F1} / {raw.P99Ms:F1} ms");
        Row("re-sent / backlog at end", $"{summary.Resent:N0} / {summary.Backlog:N0}");
        Row("simulator working set", $"{simMemory / 1048576.0:F0} MB ({simMemory / (double)stations / 1024:F0} KB per station)");
        Row("PBKDF2-SHA256 100,000 iterations (the gateway's login hash), one", $"{authMs:F0} ms CPU → {authMs * stations / 1000 / 60:F1} CPU-min for {stations:N0} connects");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load {File.ReadAllText("/proc/loadavg").Trim()}")));
        return summary.Connected == stations ? 0 : 1;
    }

    /// <summary>Median time of one PBKDF2-SHA256 hash (what the gateway pays per connect), in ms.</summary>
    public static double TimePbkdf2Ms(int iterations)
    {
        var times = new double[5];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = Rfc2898DeriveBytes.Pbkdf2("a-station-password"u8, "0123456789abcdef"u8, iterations, HashAlgorithmName.SHA256, 32);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[2];
    }
}
