using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stations.Firmware.Board;

namespace Stations.Cli.Provisioning;

/// <summary>The technician's answers that turn a template into one station's config.</summary>
public sealed record StationAnswers(string StationId, string? Name, string? TimeZone, int? UtcOffsetMinutes, bool? Attended, string? Hours, IReadOnlyCollection<string>? Devices);

/// <summary>
/// A station config template (JSON, docs/configuration.md) and how answers fill it in: identity, time zone, opening
/// hours, and which of the template's devices are fitted (the others are removed). The built-in template is the
/// standard board of hardware/pinmap.md, every pin taken from <see cref="PinMap"/>.
/// </summary>
public sealed class StationTemplate
{
    private static readonly string[] DeviceArrays = ["doors", "dispensers", "probes", "hvac", "outlets"];
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private readonly JsonObject _root;

    private StationTemplate(JsonObject root) => _root = root;

    /// <summary>The standard WROVER station board: every device of hardware/pinmap.md on its pins.</summary>
    public static StationTemplate StandardBoard()
    {
        var root = new JsonObject
        {
            ["stationId"] = "template",
            ["sign"] = new JsonObject { ["id"] = "sign", ["pin"] = PinMap.OpenSignSwitch },
            ["beam"] = new JsonObject { ["id"] = "beam1", ["pin"] = PinMap.Beam1Input },
            ["doors"] = new JsonArray(new JsonObject { ["id"] = "door1", ["pin"] = PinMap.Door1Contact }),
            ["dispensers"] = new JsonArray(new JsonObject
            {
                ["id"] = "water1", ["valvePin"] = PinMap.Water1Valve, ["buttonPin"] = PinMap.Water1Button, ["flowPin"] = PinMap.Water1Flow,
            }),
            ["probes"] = new JsonArray(new JsonObject { ["id"] = "probe1", ["pin"] = PinMap.Probe1Trigger, ["pin2"] = PinMap.Probe1Echo }),
            ["hvac"] = new JsonArray(new JsonObject { ["id"] = "ac1", ["pin"] = PinMap.Ac1Relay, ["mode"] = "cool", ["probe"] = "probe1" }),
            ["outlets"] = new JsonArray(
                new JsonObject { ["id"] = "ebike1", ["kind"] = "ebike", ["relayPin"] = PinMap.Ebike1Relay, ["meterAddress"] = (int)PinMap.Ebike1MeterAddress, ["tempPin"] = PinMap.Ebike1TempTrigger },
                new JsonObject { ["id"] = "ebike2", ["kind"] = "ebike", ["relayPin"] = PinMap.Ebike2Relay, ["meterAddress"] = (int)PinMap.Ebike2MeterAddress, ["tempPin"] = PinMap.Ebike2TempTrigger },
                new JsonObject { ["id"] = "phone1", ["kind"] = "phone", ["relayPin"] = PinMap.Phone1Relay, ["meterAddress"] = (int)PinMap.Phone1MeterAddress }),
        };
        return new StationTemplate(root);
    }

    /// <summary>A template from a JSON file; null with <paramref name="error"/> when it is not a JSON object.</summary>
    public static StationTemplate? Parse(byte[] json, out string? error)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject root)
            {
                error = null;
                return new StationTemplate(root);
            }

            error = "the template must be a JSON object (a station config, docs/configuration.md)";
        }
        catch (JsonException ex)
        {
            error = ex.Message;
        }

        return null;
    }

    /// <summary>Ids of every device in the template, in file order (sign, beam, doors, dispensers, probes, hvac, outlets).</summary>
    public IReadOnlyList<string> DeviceIds()
    {
        var ids = new List<string>();
        foreach (string single in new[] { "sign", "beam" })
            if (_root[single] is JsonObject o && o["id"]?.GetValue<string>() is { } id) ids.Add(id);
        foreach (string array in DeviceArrays)
            if (_root[array] is JsonArray items)
                ids.AddRange(items.OfType<JsonObject>().Select(i => i["id"]?.GetValue<string>()).OfType<string>());
        return ids;
    }

    /// <summary>
    /// The station's config bytes (compact UTF-8 JSON as the gateway stores and pushes it) with the answers applied; throws <see cref="ArgumentException"/> naming
    /// the answer that cannot be used (unknown device, bad hours).
    /// </summary>
    public byte[] Fill(StationAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var root = (JsonObject)_root.DeepClone();
        root["stationId"] = answers.StationId;
        if (answers.Name != null) root["name"] = answers.Name;
        if (answers.TimeZone != null) root["timeZone"] = answers.TimeZone;
        if (answers.UtcOffsetMinutes is { } offset) root["utcOffsetMinutes"] = offset;
        if (answers.Attended is { } attended) root["attended"] = attended;
        if (answers.Hours != null)
        {
            var hours = ParseHours(answers.Hours);
            if (hours == null) root.Remove("hours");
            else root["hours"] = hours;
        }

        if (answers.Devices != null)
        {
            var known = DeviceIds();
            var unknown = answers.Devices.Where(d => !known.Contains(d, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException("--devices: " + string.Join(", ", unknown) + " not in the template; choose from " + string.Join(", ", known));
            var keep = new HashSet<string>(answers.Devices, StringComparer.Ordinal);
            foreach (string single in new[] { "sign", "beam" })
                if (root[single] is JsonObject o && !keep.Contains(o["id"]?.GetValue<string>() ?? "")) root.Remove(single);
            foreach (string array in DeviceArrays)
            {
                if (root[array] is not JsonArray items) continue;
                foreach (var item in items.ToList())
                    if (item is JsonObject o && !keep.Contains(o["id"]?.GetValue<string>() ?? "")) items.Remove(item);
            }
        }

        // The gateway's compact form (StationConfigService.Compact, what config.set carries): the same bytes, hence
        // the same cfg hash, whether the config reaches the board by upload or by a push.
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>`24h` (null: open all day, every day), `HH:MM-HH:MM` for every day, or `mon=…,tue=…` (days left out are closed).</summary>
    private static JsonObject? ParseHours(string answer)
    {
        string text = answer.Trim();
        if (text == "24h") return null;
        var hours = new JsonObject();
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            foreach (string day in Days) hours[day] = text;
            return hours;
        }

        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string day = equals < 0 ? part : part[..equals].Trim().ToLowerInvariant();
            if (equals < 0 || !Days.Contains(day))
                throw new ArgumentException("--hours: '" + part + "' is not day=HH:MM-HH:MM; days are " + string.Join(" ", Days) + ", e.g. mon=08:00-20:00,sat=closed");
            hours[day] = part[(equals + 1)..].Trim();
        }

        return hours;
    }
}
