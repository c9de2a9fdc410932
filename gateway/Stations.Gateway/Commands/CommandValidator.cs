using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stations.Gateway.Commands;

/// <summary>
/// Checks a command the gateway is about to send against docs/protocol.md ("Commands") and the `cmd` golden vectors:
/// `too-large` (8,192 B) → `not-json` → `bad-envelope: id|name|exp` → `unknown-type: name` → `bad-field: args…`.
/// Returns null when the command may be sent.
/// </summary>
public static partial class CommandValidator
{
    /// <summary>Largest command payload in bytes.</summary>
    public const int SizeLimitBytes = 8192;

    const long MinTimestampMs = 1_577_836_800_000;

    /// <summary>The command catalogue.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "outlet.disable", "outlet.enable", "outlet.start", "outlet.stop", "outlet.reset-lockout", "dispense.test", "config.set", "reboot", "selftest", "version",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex CommandIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,15}$")]
    private static partial Regex DeviceIdPattern();

    /// <summary>The reason the payload may not be sent, or null.</summary>
    public static string? Check(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > SizeLimitBytes)
        {
            return "too-large";
        }

        JsonElement root;
        try
        {
            if (payload.IsEmpty || !System.Text.Unicode.Utf8.IsValid(payload))
            {
                return "not-json";
            }

            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(payload), new JsonDocumentOptions { MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "not-json";
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "not-json";
        }

        if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !CommandIdPattern().IsMatch(id.GetString()!))
        {
            return "bad-envelope: id";
        }

        if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return "bad-envelope: name";
        }

        if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expMs) || expMs < MinTimestampMs)
        {
            return "bad-envelope: exp";
        }

        var name = nameElement.GetString()!;
        if (!Names.Contains(name))
        {
            return "unknown-type: " + name;
        }

        JsonElement? args = null;
        if (root.TryGetProperty("args", out var a))
        {
            if (a.ValueKind != JsonValueKind.Object)
            {
                return "bad-field: args";
            }

            args = a;
        }

        var needsDevice = name.StartsWith("outlet.", StringComparison.Ordinal) || name == "dispense.test";
        if (needsDevice && (args is not { } withDev || !withDev.TryGetProperty("dev", out var dev) || dev.ValueKind != JsonValueKind.String || !DeviceIdPattern().IsMatch(dev.GetString()!)))
        {
            return "bad-field: args.dev";
        }

        if (name == "outlet.start" && args!.Value.TryGetProperty("maxMin", out var maxMin) && (maxMin.ValueKind != JsonValueKind.Number || !maxMin.TryGetInt64(out var minutes) || minutes < 1))
        {
            return "bad-field: args.maxMin";
        }

        if (name == "dispense.test" && args!.Value.TryGetProperty("ms", out var ms) && (ms.ValueKind != JsonValueKind.Number || !ms.TryGetInt64(out var valveMs) || valveMs < 100))
        {
            return "bad-field: args.ms";
        }

        if (name == "config.set" && (args is not { } withConfig || !withConfig.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object))
        {
            return "bad-field: args.config";
        }

        return null;
    }
}
