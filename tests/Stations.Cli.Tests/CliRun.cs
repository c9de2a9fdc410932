namespace Stations.Cli.Tests;

/// <summary>Runs the CLI in-process through its root command with captured output and a given environment.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Of(IDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        int code = await CliApp.RunAsync(args, output, error, name => env.TryGetValue(name, out var v) ? v : null);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> Of(params string[] args) => Of(null, args);

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}\n--- err\n{Error}";
}

/// <summary>Paths in the repository (fixtures).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ConfigFixtures => Path.Combine(Root, "tests", "Fixtures", "config");

    /// <summary>This project's own configs, valid for the WROVER board's pins (Fixtures/config/README.md).</summary>
    public static string BoardConfigs => Path.Combine(Root, "tests", "Stations.Cli.Tests", "Fixtures", "config");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Stations.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Stations.sln not found above " + AppContext.BaseDirectory);
    }
}
