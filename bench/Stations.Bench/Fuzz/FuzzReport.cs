namespace Stations.Bench.Fuzz;

/// <summary>What a fuzz run found: outcome counts per decoder and reason, crashes, and inputs refused without a reason.</summary>
public sealed class FuzzReport
{
    /// <summary>Counts keyed by "decoder: outcome" (digits in reasons folded to `#` so positions do not split them).</summary>
    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Exceptions thrown by a decoder (must stay empty), with the input that caused them.</summary>
    public List<string> Crashes { get; } = [];

    /// <summary>Inputs a decoder neither accepted nor refused with a reason (must stay empty).</summary>
    public List<string> Unexplained { get; } = [];

    /// <summary>Inputs fed.</summary>
    public long Inputs { get; set; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Adds one outcome.</summary>
    public void Count(string decoder, string outcome)
    {
        var key = decoder + ": " + Fold(outcome);
        Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
    }

    // Reasons name fields and byte positions; the table wants the kind of refusal, so keep its stable part.
    static string Fold(string reason)
    {
        var text = reason;
        var at = text.IndexOf(" at byte ", StringComparison.Ordinal);
        if (at >= 0)
        {
            text = text[..at];
        }

        var found = text.IndexOf(" but found ", StringComparison.Ordinal);
        if (found >= 0)
        {
            text = text[..found];
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0 && !text.StartsWith("ignored", StringComparison.Ordinal))
        {
            // `bad-field: clim[0].t` → `bad-field`; `outlets[0].id: unknown field; …` → `unknown field`
            text = text.StartsWith("bad-", StringComparison.Ordinal) || text.StartsWith("unknown-type", StringComparison.Ordinal) || text.StartsWith("CRASH", StringComparison.Ordinal)
                ? text[..colon]
                : text[(colon + 2)..];
        }

        var semicolon = text.IndexOfAny([';', '(']);
        if (semicolon > 0)
        {
            text = text[..semicolon];
        }

        text = text.Trim();
        var chars = (text.Length > 60 ? text[..60] : text).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                chars[i] = '#';
            }
        }

        return new string(chars);
    }
}
