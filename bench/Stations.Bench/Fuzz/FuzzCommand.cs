using System.Globalization;
using Spectre.Console;

namespace Stations.Bench.Fuzz;

/// <summary>`fuzz [--inputs N] [--seed S]`: runs the fuzzer and prints outcome counts per decoder and reason.</summary>
public static class FuzzCommand
{
    /// <summary>Runs; exit code 0 when nothing crashed and every input got a reason, else 1.</summary>
    public static int Run(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var inputs = arguments.Number("--inputs", 1_000_000, 1, 1_000_000_000);
        var seed = (int)arguments.Number("--seed", 12, int.MinValue, int.MaxValue);
        AnsiConsole.MarkupLine($"Fuzzing {inputs:N0} inputs (seed {seed}) from the golden vectors …");
        var report = new FuzzRunner().Run(RepositoryPaths.ValidVectors(), inputs, seed);

        var table = new Table().AddColumn("decoder: outcome").AddColumn(new TableColumn("inputs").RightAligned());
        foreach (var (outcome, count) in report.Outcomes)
        {
            table.AddRow(Markup.Escape(outcome), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var rate = report.Inputs / Math.Max(report.Elapsed.TotalSeconds, 1e-9);
        AnsiConsole.MarkupLine($"{report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:F1} s = [bold]{rate:N0} inputs/s[/] (each through 4 decoders); " +
            $"crashes: {report.Crashes.Count}, without a reason: {report.Unexplained.Count}");
        foreach (var line in report.Crashes.Concat(report.Unexplained).Take(20))
        {
            AnsiConsole.WriteLine(line);
        }

        return report.Crashes.Count == 0 && report.Unexplained.Count == 0 ? 0 : 1;
    }
}
