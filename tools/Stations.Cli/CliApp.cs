using System.CommandLine;
using System.Globalization;
using Stations.Cli.Commands;
using Stations.Cli.Localization;

namespace Stations.Cli;

/// <summary>Builds the root command and runs it; usable in-process by tests with their own writers and environment.</summary>
public static class CliApp
{
    /// <summary>Runs the CLI with <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, Spectre.Console.IAnsiConsole? prompts = null)
    {
        var text = CliText.Choose(args, environment);
        var context = new CliContext(output, error, text, environment) { Prompts = prompts };
        CultureInfo previous = CultureInfo.CurrentUICulture;
        // System.CommandLine's own help headings follow the UI culture; async-local, so it stays with this run.
        CultureInfo.CurrentUICulture = text.Culture;
        try
        {
            ParseResult parse = BuildRoot(context).Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var parseError in parse.Errors)
                    await error.WriteLineAsync(text.Format("UsageError", parseError.Message)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The root command with every subcommand, its descriptions in the chosen language.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var text = context.Text;
        var root = new RootCommand(text["RootDescription"]);
        var lang = new Option<string>("--lang") { Description = text["LangDescription"], Recursive = true };
        lang.AcceptOnlyFromAmong("zh", "zh-CN", "en");
        root.Options.Add(lang);
        root.Subcommands.Add(ConfigCommands.Build(context));
        root.Subcommands.Add(FlashCommand.Build(context));
        root.Subcommands.Add(StatusCommand.Build(context));
        root.Subcommands.Add(ProvisionCommand.Build(context));
        root.Subcommands.Add(SelfTestCommand.Build(context));
        return root;
    }
}
