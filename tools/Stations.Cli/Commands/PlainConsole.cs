using Spectre.Console;

namespace Stations.Cli.Commands;

/// <summary>A Spectre console over any writer, without colours or ANSI codes, so tables read the same in logs and tests.</summary>
public static class PlainConsole
{
    /// <summary>A console writing plain text to <paramref name="writer"/>.</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }
}
