using Spectre.Console;
using Stations.Cli.Localization;

namespace Stations.Cli;

/// <summary>What every command writes to and reads from: the output streams, the chosen language, the environment.</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, CliText Text, Func<string, string?> Environment)
{
    /// <summary>The console to ask questions on (Spectre prompts), or null when nobody is there to answer (redirected input, tests).</summary>
    public IAnsiConsole? Prompts { get; init; }
}
