using System.Globalization;

namespace Stations.Bench;

/// <summary>Reads `--name value` options of the ingest and fuzz runs; an unknown or malformed option is an error that names it.</summary>
public sealed class BenchArguments
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/> (after the run name), allowing only <paramref name="known"/> options.</summary>
    public BenchArguments(IReadOnlyList<string> args, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
            {
                throw new ArgumentException($"unknown option '{name}'; use one of: {string.Join(", ", known)}");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"option '{name}' needs a value");
            }

            values[name] = args[++i];
        }
    }

    /// <summary>A whole number option within [min, max].</summary>
    public long Number(string name, long fallback, long min, long max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{name}: '{text}' is not a whole number in {min}..{max}");
        }

        return value;
    }

    /// <summary>A choice option.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return allowed.Contains(text) ? text : throw new ArgumentException($"{name}: '{text}' is not one of {string.Join(", ", allowed)}");
    }
}
