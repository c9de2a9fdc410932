using System.Text.Json;

namespace Stations.Cli.Commands;

/// <summary>One field whose value differs; a null side means the field is absent there.</summary>
public sealed record FieldDifference(string Field, string? Old, string? New);

/// <summary>Flattens a config's JSON into field paths (`outlets[ebike1].relayPin`) and compares two of them.</summary>
public static class ConfigFieldDiff
{
    /// <summary>
    /// Every leaf as path → JSON text. Array items that all carry a distinct string `id` are keyed by it, so
    /// reordering devices is not reported as a change of every field.
    /// </summary>
    public static SortedDictionary<string, string> Flatten(JsonElement root)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", fields);
        return fields;
    }

    /// <summary>The fields whose values differ, in path order.</summary>
    public static IReadOnlyList<FieldDifference> Compare(SortedDictionary<string, string> a, SortedDictionary<string, string> b)
    {
        var differences = new List<FieldDifference>();
        foreach (string field in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            a.TryGetValue(field, out string? old);
            b.TryGetValue(field, out string? @new);
            if (old != @new) differences.Add(new FieldDifference(field, old, @new));
        }
        return differences;
    }

    private static void Walk(JsonElement element, string path, SortedDictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, fields);
                break;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                var ids = items.Select(IdOf).ToList();
                bool byId = ids.All(id => id != null) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Count;
                if (items.Count == 0) fields[path] = "[]";
                for (int i = 0; i < items.Count; i++)
                    Walk(items[i], path + "[" + (byId ? ids[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "]", fields);
                break;
            default:
                fields[path] = element.GetRawText();
                break;
        }
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
