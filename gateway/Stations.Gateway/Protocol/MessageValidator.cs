using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stations.Gateway.Protocol;

/// <summary>
/// Checks a station message against docs/protocol.md: topic, size limit, JSON, envelope, then every field's type and
/// range. The first problem found becomes the dead-letter reason (`too-large`, `not-json`, `bad-envelope: f`,
/// `bad-field: path`, `unknown-type: t`, `bad-topic`). Unknown extra fields are accepted (forward compatible).
/// </summary>
public static partial class MessageValidator
{
    const long MinTimestampMs = 1_577_836_800_000;
    const long MaxUptimeMs = 9_007_199_254_740_992; // 2^53

    static readonly string[] ProbeErrors = ["stale", "fault"];
    static readonly string[] DispenserStates = ["ok", "dry", "leak", "disabled"];
    static readonly string[] OutletStates = ["idle", "on", "disabled", "locked"];
    static readonly string[] HvacModes = ["heat", "cool"];
    static readonly string[] BootReasons = ["power", "reboot-cmd", "watchdog", "crash", "unknown"];
    static readonly string[] StoreStates = ["ok", "formatted", "recovered"];
    static readonly string[] OpenSources = ["sign", "schedule"];
    static readonly string[] DispenseTriggers = ["button", "cmd", "test"];
    static readonly string[] OutletStartTriggers = ["plug", "button", "cmd"];
    static readonly string[] OutletStopReasons = ["full", "noload", "maxtime", "overload", "overtemp", "closing", "cmd", "unplug", "meter-fault", "budget"];
    static readonly string[] TripReasons = ["overtemp", "overload", "valve-timeout", "relay-stuck"];
    static readonly string[] Severities = ["warn", "crit"];
    static readonly string[] DropReasons = ["full", "corrupt"];
    static readonly string[] ResultCodes = ["done", "expired", "no-time", "unknown-command", "bad-args", "unknown-device", "locked", "refused", "failed"];
    static readonly string[] AlarmCodes =
    [
        "door.left-open", "temp.high", "temp.low", "probe.fault", "dispenser.dry", "dispenser.leak", "dispenser.daily-limit",
        "outlet.overtemp-warn", "outlet.lockout", "outlet.meter-fault", "relay.stuck", "outbox.full", "safe-mode",
    ];

    [GeneratedRegex("^[0-9a-f]{8}$")]
    private static partial Regex HexId();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,15}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex CommandIdPattern();

    /// <summary>Validates one message as received on <paramref name="topic"/>.</summary>
    public static ValidationResult Validate(string topic, ReadOnlySpan<byte> payload)
    {
        if (!StationTopic.TryParse(topic, out var parsed))
        {
            return ValidationResult.Invalid("bad-topic", StationTopic.StationIdOf(topic));
        }

        var station = parsed.StationId;
        if (payload.Length > parsed.SizeLimitBytes)
        {
            return ValidationResult.Invalid("too-large", station);
        }

        // JsonDocument skips a BOM and tolerates invalid UTF-8 in strings: both are `not-json` by contract.
        if (payload.IsEmpty || payload.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || !System.Text.Unicode.Utf8.IsValid(payload))
        {
            return ValidationResult.Invalid("not-json", station);
        }

        JsonElement root;
        var text = Encoding.UTF8.GetString(payload);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ValidationResult.Invalid("not-json", station);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return ValidationResult.Invalid("not-json", station);
        }

        try
        {
            return parsed.Kind == StationMessageKind.Status ? ValidateStatus(station, text, root) : ValidateSequenced(parsed, text, root);
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString throws on an escaped lone surrogate ("\ud800"): not valid text, so `not-json`,
            // as Core's JsonReader decides for the same bytes.
            return ValidationResult.Invalid("not-json", station);
        }
    }

    static ValidationResult ValidateStatus(string station, string text, JsonElement root)
    {
        if (!IsInt(root, "v", out var v) || v != 1)
        {
            return ValidationResult.Invalid("bad-envelope: v", station);
        }

        if (!IsString(root, "boot", out var boot) || !HexId().IsMatch(boot))
        {
            return ValidationResult.Invalid("bad-envelope: boot", station);
        }

        var hasState = IsString(root, "state", out var state);
        long up = 0;
        long? ts = null;
        if (state == "online" || root.TryGetProperty("up", out _))
        {
            if (!IsInt(root, "up", out up) || up < 0 || up > MaxUptimeMs)
            {
                return ValidationResult.Invalid("bad-envelope: up", station);
            }
        }

        if (root.TryGetProperty("ts", out _))
        {
            if (!IsInt(root, "ts", out var t) || t < MinTimestampMs)
            {
                return ValidationResult.Invalid("bad-envelope: ts", station);
            }

            ts = t;
        }

        if (!hasState || (state != "online" && state != "offline"))
        {
            return ValidationResult.Invalid("bad-field: state", station);
        }

        if (state == "online")
        {
            string? reason =
                !IsString(root, "fw", out var fw) || fw.Length == 0 || fw.Length > 32 ? "bad-field: fw" :
                !IsString(root, "cfg", out var cfg) || !HexId().IsMatch(cfg) ? "bad-field: cfg" :
                !IsBool(root, "safe") ? "bad-field: safe" :
                !IsInt(root, "tel", out var tel) || tel < 1 || tel > 86_400 ? "bad-field: tel" : null;
            if (reason != null)
            {
                return ValidationResult.Invalid(reason, station);
            }
        }

        return ValidationResult.Valid(new ValidatedMessage(station, StationMessageKind.Status, boot, 0, up, ts, null, text, root));
    }

    static ValidationResult ValidateSequenced(StationTopic topic, string text, JsonElement root)
    {
        var station = topic.StationId;
        if (!IsInt(root, "v", out var v) || v != 1)
        {
            return ValidationResult.Invalid("bad-envelope: v", station);
        }

        if (!IsString(root, "boot", out var boot) || !HexId().IsMatch(boot))
        {
            return ValidationResult.Invalid("bad-envelope: boot", station);
        }

        if (!IsInt(root, "seq", out var seq) || seq < 1 || seq > int.MaxValue)
        {
            return ValidationResult.Invalid("bad-envelope: seq", station);
        }

        if (!IsInt(root, "up", out var up) || up < 0 || up > MaxUptimeMs)
        {
            return ValidationResult.Invalid("bad-envelope: up", station);
        }

        long? ts = null;
        if (root.TryGetProperty("ts", out _))
        {
            if (!IsInt(root, "ts", out var t) || t < MinTimestampMs)
            {
                return ValidationResult.Invalid("bad-envelope: ts", station);
            }

            ts = t;
        }

        string? eventType = null;
        var reason = topic.Kind switch
        {
            StationMessageKind.Telemetry => CheckTelemetry(root),
            StationMessageKind.CommandResult => CheckCommandResult(root),
            _ => CheckEvent(root, out eventType),
        };
        return reason != null
            ? ValidationResult.Invalid(reason, station, boot, seq)
            : ValidationResult.Valid(new ValidatedMessage(station, topic.Kind, boot, seq, up, ts, eventType, text, root));
    }

    static string? CheckTelemetry(JsonElement root)
    {
        if (!IsBool(root, "open"))
        {
            return "bad-field: open";
        }

        if (!root.TryGetProperty("cnt", out var cnt) || cnt.ValueKind != JsonValueKind.Object)
        {
            return "bad-field: cnt";
        }

        var reason =
            !IsInt(cnt, "vis", out var vis) || vis < 0 ? "bad-field: cnt.vis" :
            !IsNumber(cnt, "l", out var litres) || litres < 0 ? "bad-field: cnt.l" :
            !IsInt(cnt, "ses", out var ses) || ses < 0 ? "bad-field: cnt.ses" :
            !IsNumber(cnt, "wh", out var wh) || wh < 0 ? "bad-field: cnt.wh" : null;
        if (reason != null)
        {
            return reason;
        }

        reason = CheckArray(root, "clim", required: true, (item, path) =>
        {
            if (item.TryGetProperty("err", out _))
            {
                return IsString(item, "err", out var err) && ProbeErrors.Contains(err) ? null : path + ".err";
            }

            return !IsNumber(item, "t", out var t) || t < -40 || t > 80 ? path + ".t" :
                !IsNumber(item, "rh", out var rh) || rh < 0 || rh > 100 ? path + ".rh" : null;
        });
        reason ??= CheckArray(root, "door", required: true, (item, path) => IsBool(item, "open") ? null : path + ".open");
        reason ??= CheckArray(root, "disp", required: true, (item, path) =>
            !IsBool(item, "valve") ? path + ".valve" :
            !IsString(item, "st", out var st) || !DispenserStates.Contains(st) ? path + ".st" : null);
        reason ??= CheckArray(root, "out", required: true, (item, path) =>
            !IsString(item, "st", out var st) || !OutletStates.Contains(st) ? path + ".st" :
            !IsNumber(item, "w", out var w) || w < 0 || w > 4000 ? path + ".w" :
            item.TryGetProperty("tc", out _) && (!IsNumber(item, "tc", out var tc) || tc < -40 || tc > 150) ? path + ".tc" : null);
        reason ??= CheckArray(root, "hvac", required: false, (item, path) =>
            !IsBool(item, "on") ? path + ".on" :
            !IsString(item, "mode", out var mode) || !HvacModes.Contains(mode) ? path + ".mode" : null);
        if (reason == null && root.TryGetProperty("q", out _) && (!IsInt(root, "q", out var q) || q < 0))
        {
            reason = "bad-field: q";
        }

        return reason;
    }

    /// <summary>Checks an array of device objects; <paramref name="check"/> returns the failing path or null.</summary>
    static string? CheckArray(JsonElement root, string name, bool required, Func<JsonElement, string, string?> check)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            return required ? "bad-field: " + name : null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return "bad-field: " + name;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = name + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return "bad-field: " + path;
            }

            if (!IsString(item, "id", out var id) || !DeviceIdPattern().IsMatch(id))
            {
                return "bad-field: " + path + ".id";
            }

            var failed = check(item, path);
            if (failed != null)
            {
                return "bad-field: " + failed;
            }

            index++;
        }

        return null;
    }

    static string? CheckEvent(JsonElement root, out string? type)
    {
        type = null;
        if (!IsString(root, "type", out var name) || name.Length == 0)
        {
            return "bad-field: type";
        }

        type = name;
        return name switch
        {
            "boot" => Require(root, Str("fw", s => s.Length is > 0 and <= 32), Enum("reason", BootReasons), Bool("safe"), Enum("store", StoreStates)),
            "door.open" => Require(root, Dev()),
            "door.close" => Require(root, Dev(), Int("durMs", 0)),
            "visit" => Require(root, Dev(), Int("n", 1)),
            "station.open" or "station.close" => Require(root, Enum("src", OpenSources)),
            "dispense" => Require(root, Dev(), Num("l", 0), Int("durMs", 0), Enum("trig", DispenseTriggers)),
            "outlet.start" => Require(root, Dev(), Enum("trig", OutletStartTriggers)),
            "outlet.stop" => Require(root, Dev(), Enum("reason", OutletStopReasons), Num("wh", 0), Int("durMs", 0), Num("maxW", 0)),
            "safety.trip" => Require(root, Dev(), Enum("reason", TripReasons), Num("val", double.MinValue), Bool("lock")),
            "lockout.reset" => Require(root, Dev()),
            "alarm.raise" => Require(root, Enum("code", AlarmCodes), Optional("dev", Dev()), Optional("val", Num("val", double.MinValue)), Enum("sev", Severities)),
            "alarm.clear" => Require(root, Enum("code", AlarmCodes), Optional("dev", Dev())),
            "config.applied" => Require(root, Str("cfg", s => HexId().IsMatch(s))),
            "config.rejected" => Require(root, Str("cfg", s => HexId().IsMatch(s)), Str("err", s => s.Length <= 200)),
            "outbox.dropped" => CheckDropped(root),
            "time.synced" => Require(root, Int("skewMs", long.MinValue)),
            _ => "unknown-type: " + name,
        };
    }

    static string? CheckDropped(JsonElement root)
    {
        var reason = Require(root, Str("lostBoot", s => HexId().IsMatch(s)), Int("from", 1), Int("to", 1), Int("n", 1), Enum("reason", DropReasons));
        if (reason != null)
        {
            return reason;
        }

        IsInt(root, "from", out var from);
        IsInt(root, "to", out var to);
        return to < from || to > int.MaxValue ? "bad-field: to" : null;
    }

    static string? CheckCommandResult(JsonElement root)
    {
        var reason = Require(root, Str("id", s => CommandIdPattern().IsMatch(s)), Bool("ok"), Enum("code", ResultCodes), Optional("detail", Str("detail", s => s.Length <= 200)));
        if (reason != null)
        {
            return reason;
        }

        if (root.TryGetProperty("data", out var data))
        {
            if (data.ValueKind != JsonValueKind.Object)
            {
                return "bad-field: data";
            }

            if (data.TryGetProperty("items", out var items))
            {
                if (items.ValueKind != JsonValueKind.Array)
                {
                    return "bad-field: data.items";
                }

                var index = 0;
                foreach (var item in items.EnumerateArray())
                {
                    var path = "data.items[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                    var failed = item.ValueKind != JsonValueKind.Object ? path :
                        !IsString(item, "dev", out _) ? path + ".dev" :
                        !IsBool(item, "ok") ? path + ".ok" :
                        item.TryGetProperty("detail", out _) && (!IsString(item, "detail", out var d) || d.Length > 200) ? path + ".detail" : null;
                    if (failed != null)
                    {
                        return "bad-field: " + failed;
                    }

                    index++;
                }
            }
        }

        IsString(root, "code", out var code);
        return root.GetProperty("ok").GetBoolean() != (code == "done") ? "bad-field: ok" : null;
    }

    static string? Require(JsonElement root, params Func<JsonElement, string?>[] checks)
    {
        foreach (var check in checks)
        {
            var failed = check(root);
            if (failed != null)
            {
                return "bad-field: " + failed;
            }
        }

        return null;
    }

    static Func<JsonElement, string?> Dev() => Str("dev", s => DeviceIdPattern().IsMatch(s));

    static Func<JsonElement, string?> Str(string name, Func<string, bool> ok) => e => IsString(e, name, out var s) && ok(s) ? null : name;

    static Func<JsonElement, string?> Enum(string name, string[] allowed) => e => IsString(e, name, out var s) && allowed.Contains(s) ? null : name;

    static Func<JsonElement, string?> Bool(string name) => e => IsBool(e, name) ? null : name;

    static Func<JsonElement, string?> Int(string name, long min) => e => IsInt(e, name, out var v) && v >= min ? null : name;

    static Func<JsonElement, string?> Num(string name, double min) => e => IsNumber(e, name, out var v) && v >= min ? null : name;

    static Func<JsonElement, string?> Optional(string name, Func<JsonElement, string?> check) => e => e.TryGetProperty(name, out _) ? check(e) : null;

    static bool IsInt(JsonElement e, string name, out long value)
    {
        value = 0;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out value);
    }

    static bool IsNumber(JsonElement e, string name, out double value)
    {
        value = 0;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out value) && double.IsFinite(value);
    }

    static bool IsString(JsonElement e, string name, out string value)
    {
        value = "";
        if (e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String)
        {
            value = p.GetString()!;
            return true;
        }

        return false;
    }

    static bool IsBool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
