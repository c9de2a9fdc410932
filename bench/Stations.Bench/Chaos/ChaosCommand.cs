using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Stations.Bench.Chaos;

/// <summary>
/// `chaos [--stations 40] [--kills 10] [--hours 26] [--drop-hours 24] [--power-cuts 8] [--seed 7]`: kill -9 the gateway
/// mid-stream, a day-long link drop, power cuts; then lost 0 / duplicated 0. Exit code 1 when anything was lost.
/// `chaos-mosquitto [--stations 40] [--gateways 2] [--broker-restarts 5] [--kills 1] [--hours 26] [--drop-hours 24]
/// [--power-cuts 8] [--seed 7]`: the same against a real Mosquitto that is killed -9 and restarted mid-stream, with
/// gateway instances on one shared subscription and one SQLite file, one of them killed -9 and restarted.
/// </summary>
public static class ChaosCommand
{
    /// <summary>The options of `chaos-mosquitto` (Program.cs).</summary>
    public static readonly string[] MosquittoOptions =
        ["--stations", "--gateways", "--broker-restarts", "--kills", "--hours", "--drop-hours", "--power-cuts", "--seed"];

    /// <summary>Runs the chaos run (embedded broker) and prints the outcome.</summary>
    public static Task<int> RunAsync(BenchArguments arguments) => RunAsync(arguments, ChaosBroker.Embedded);

    /// <summary>Runs the chaos run against a real Mosquitto with several gateway instances and prints the outcome.</summary>
    public static Task<int> RunMosquittoAsync(BenchArguments arguments) => RunAsync(arguments, ChaosBroker.Mosquitto);

    static async Task<int> RunAsync(BenchArguments arguments, ChaosBroker broker)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var mosquitto = broker == ChaosBroker.Mosquitto;
        var run = new ChaosRunOptions
        {
            Broker = broker,
            Gateways = mosquitto ? (int)arguments.Number("--gateways", 2, 1, 8) : 1,
            BrokerRestarts = mosquitto ? (int)arguments.Number("--broker-restarts", 5, 0, 1_000) : 0,
            Stations = (int)arguments.Number("--stations", 40, 1, 10_000),
            Kills = (int)arguments.Number("--kills", mosquitto ? 1 : 10, 0, 1_000),
            VirtualDuration = TimeSpan.FromHours(arguments.Number("--hours", 26, 1, 24 * 90)),
            LinkDrop = TimeSpan.FromHours(arguments.Number("--drop-hours", 24, 0, 24 * 30)),
            PowerCuts = (int)arguments.Number("--power-cuts", 8, 0, 10_000),
            Seed = arguments.Number("--seed", 7, 0, int.MaxValue),
            Log = line => AnsiConsole.MarkupLine(Markup.Escape(DateTime.UtcNow.ToString("HH:mm:ss ", CultureInfo.InvariantCulture) + line)),
        };
        var r = await ChaosRun.RunAsync(run).ConfigureAwait(false);
        var title = mosquitto ? "chaos: Mosquitto and a gateway instance killed mid-stream" : "chaos: gateway killed mid-stream";
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]" + Markup.Escape(title) + "[/]")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, FormattableString value) => table.AddRow(Markup.Escape(name), Markup.Escape(FormattableString.Invariant(value)));
        Row("stations / virtual hours", $"{run.Stations} / {run.VirtualDuration.TotalHours:F0}");
        if (mosquitto)
        {
            Row("gateway instances (shared subscription, one SQLite file)", $"{r.Gateways}");
            Row("mosquitto kill -9 / starts", $"{r.BrokerRestarts} / {r.BrokerStarts}");
            Row("acks published per gateway", $"{string.Join(" / ", (r.AcksPublishedByGateway ?? []).Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}");
        }

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
        AnsiConsole.MarkupLine(Markup.Escape(Machine.Describe()));
        return r.Passed ? 0 : 1;
    }
}
