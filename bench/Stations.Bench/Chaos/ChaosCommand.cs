using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Stations.Bench.Chaos;

/// <summary>
/// `chaos [--stations 40] [--kills 10] [--hours 26] [--drop-hours 24] [--power-cuts 8] [--seed 7]`: kill -9 the gateway
/// mid-stream, a day-long link drop, power cuts; then lost 0 / duplicated 0. Exit code 1 when anything was lost.
/// </summary>
public static class ChaosCommand
{
    /// <summary>Runs the chaos run and prints the outcome.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var run = new ChaosRunOptions
        {
            Stations = (int)arguments.Number("--stations", 40, 1, 10_000),
            Kills = (int)arguments.Number("--kills", 10, 0, 1_000),
            VirtualDuration = TimeSpan.FromHours(arguments.Number("--hours", 26, 1, 24 * 90)),
            LinkDrop = TimeSpan.FromHours(arguments.Number("--drop-hours", 24, 0, 24 * 30)),
            PowerCuts = (int)arguments.Number("--power-cuts", 8, 0, 10_000),
            Seed = arguments.Number("--seed", 7, 0, int.MaxValue),
            Log = line => AnsiConsole.MarkupLine(Markup.Escape(DateTime.UtcNow.ToString("HH:mm:ss ", CultureInfo.InvariantCulture) + line)),
        };
        var r = await ChaosRun.RunAsync(run).ConfigureAwait(false);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]chaos: gateway killed mid-stream[/]")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(Markup.Escape(name), Markup.Escape(FormattableString.Invariant(value)));
        Row("stations / virtual hours", $"{run.Stations} / {run.VirtualDuration.TotalHours:F0}");
        Row("gateway kill -9 / starts", $"{r.Kills} / {r.GatewayStarts}");
        Row("power cuts / boots", $"{r.PowerCuts} / {r.Boots}");
        Row("link drop (station 1)", $"{run.LinkDrop.TotalHours:F0} h");
        Row("sent / re-sent", $"{r.Summary.Sent:N0} / {r.Summary.Resent:N0}");
        Row("ledger", $"{r.Ledger}");
        Row("dead letters / dropped ranges", $"{r.DeadLetters} / {r.DroppedRanges}");
        Row("drained / firmware crashes", $"{r.Drained} / {r.Crashes}");
        Row("real time", $"{r.RealTime.TotalSeconds:F0} s");
        Row("verdict", $"{(r.Passed ? "PASS: lost 0, duplicated 0" : "FAIL")}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load {File.ReadAllText("/proc/loadavg").Trim()}")));
        return r.Passed ? 0 : 1;
    }
}
