using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using Stations.Simulator.Cli;
using Stations.Simulator.Fleet;

namespace Stations.Bench.Fleet;

/// <summary>
/// `fleet [--stations 2000] [--minutes 3] [--acceleration 1] [--auth-iterations 1000] [--seed 1]` (issue 7):
/// thousands of Core stations in this process against the real gateway process; live Spectre table, then figures.
/// Exit code 1 when the fleet did not end connected, drained and lossless.
/// </summary>
public static class FleetCommand
{
    /// <summary>Runs the fleet and prints the figures.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var run = new FleetRunOptions
        {
            Stations = (int)arguments.Number("--stations", 2_000, 1, 100_000),
            Duration = TimeSpan.FromMinutes(arguments.Number("--minutes", 3, 1, 600)),
            Acceleration = arguments.Number("--acceleration", 1, 1, 1440),
            AuthIterations = (int)arguments.Number("--auth-iterations", 1_000, 1, 1_000_000),
            Seed = arguments.Number("--seed", 1, 0, long.MaxValue),
            Show = LiveSummary.ShowWhileAsync,
        };
        AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant(
            $"fleet: {run.Stations} Core stations, ×{run.Acceleration} for {run.Duration.TotalMinutes} real min, PBKDF2 {run.AuthIterations} iterations, open-file limit {OpenFileLimit.RaiseTo(run.Stations * 2L + 4_096)}")));
        var result = await FleetRun.RunAsync(run).ConfigureAwait(false);
        Print(run, result);
        return result.Drained && result.Ledger.ZeroLoss && result.Crashes == 0 ? 0 : 1;
    }

    static void Print(FleetRunOptions run, FleetRunResult r)
    {
        var s = r.AtEndOfLive;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]fleet: Core stations vs the real gateway[/]")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(Markup.Escape(name), Markup.Escape(FormattableString.Invariant(value)));
        Row("stations / connected at end of live", $"{s.Stations:N0} / {s.Connected:N0}");
        Row("time until all connected", $"{r.ConnectAllTime.TotalSeconds:F1} s");
        Row("virtual pace (target)", $"×{r.VirtualPace:F2} (×{run.Acceleration})");
        Row("sent (tel / ev)", $"{s.Sent:N0} ({s.Telemetry:N0} / {s.Events:N0})");
        Row("re-sent", $"{s.Resent:N0} ({(s.Sent == 0 ? 0 : 100.0 * s.Resent / s.Sent):F2} %)");
        Row("gateway acked / backlog at end of live", $"{s.GatewayAcked:N0} / {s.Backlog:N0}");
        Row("ack p50 / p99 (after all connected)", $"{r.AckP50Ms:F0} / {r.AckP99Ms:F0} ms");
        Row("simulator CPU (of one core) / working set", $"{r.SimulatorCpuPercent:F0} % / {r.SimulatorWorkingSetBytes / 1048576.0:F0} MB");
        Row("gateway CPU (of one core) / RSS", $"{r.GatewayCpuPercent:F0} % / {r.GatewayResidentBytes / 1048576.0:F0} MB");
        Row("drained (all connected, backlog 0)", $"{r.Drained} (backlog {r.AfterDrain.Backlog:N0})");
        Row("ledger", $"{r.Ledger}");
        Row("firmware crashes", $"{r.Crashes}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(Machine.Describe()));
    }
}
