using System.Globalization;
using System.Resources;

namespace Stations.Cli.Localization;

/// <summary>The CLI's strings (Resources/Strings*.resx) in one chosen language: zh-CN by default, English on request.</summary>
public sealed class CliText
{
    private static readonly ResourceManager Resources = new("Stations.Cli.Resources.Strings", typeof(CliText).Assembly);

    private CliText(CultureInfo culture) => Culture = culture;

    /// <summary>The culture the strings are looked up in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>
    /// Chooses the language: `--lang zh|en` in the arguments wins, then the LANG environment variable (en* means
    /// English), else zh-CN — the technicians' language.
    /// </summary>
    public static CliText Choose(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        string? lang = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Count) lang = args[i + 1];
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal)) lang = args[i]["--lang=".Length..];
        }
        lang ??= environment("LANG");
        bool english = lang != null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return new CliText(CultureInfo.GetCultureInfo(english ? "en" : "zh-CN"));
    }

    /// <summary>The string named <paramref name="name"/>; a missing name is a programming error.</summary>
    public string this[string name] =>
        Resources.GetString(name, Culture) ?? throw new InvalidOperationException("missing CLI string " + name);

    /// <summary>The string named <paramref name="name"/> with its {0}, {1} … placeholders filled in.</summary>
    public string Format(string name, params object?[] values) => string.Format(Culture, this[name], values);
}
