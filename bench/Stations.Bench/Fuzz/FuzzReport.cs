using System.Text.RegularExpressions;

namespace Stations.Bench.Fuzz;

/// <summary>What a fuzz run found: outcome counts per decoder and reason, crashes, and inputs refused without a reason.</summary>
public sealed partial class FuzzReport
{
    /// <summary>Counts keyed by "decoder: outcome" (numbers, bytes and quoted values folded so values do not split them).</summary>
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
        text = QuotedValue().Replace(text, "'…'");
        text = HexByte().Replace(text, "0xHH");
        text = EscapedChar().Replace(text, "escape \\?");
        text = Number().Replace(text, "N");
        return text.Length > 60 ? text[..60] : text;
    }

    [GeneratedRegex("'[^']*'?")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"escape \\.")]
    private static partial Regex EscapedChar();

    [GeneratedRegex("0x[0-9A-Fa-f]+")]
    private static partial Regex HexByte();

    // Not digits inside words (`UTF8`, `0xHH`), so those stay readable.
    [GeneratedRegex(@"(?<![A-Za-z0-9])-?\d+([.,]\d+)*(?![A-Za-z0-9])")]
    private static partial Regex Number();
}
