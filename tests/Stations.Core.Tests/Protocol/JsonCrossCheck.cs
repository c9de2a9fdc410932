using System.Text;
using System.Text.Json;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

/// <summary>Compares Core's JsonReader/JsonWriter with System.Text.Json on the same bytes.</summary>
internal static class JsonCrossCheck
{
    public static readonly JsonReaderOptions StrictOptions = new() { MaxDepth = JsonReader.MaxDepth };

    /// <summary>Reads <paramref name="json"/> with both readers and fails on the first difference.</summary>
    public static void AssertSameTokens(byte[] json)
    {
        var core = new JsonReader(json, 0, json.Length);
        var reference = new Utf8JsonReader(json, StrictOptions);
        int index = 0;
        while (reference.Read())
        {
            JsonToken token = core.Read();
            string where = "token " + index + " at byte " + reference.TokenStartIndex + ": ";
            Assert.AreEqual(Map(reference.TokenType), token, where + (core.Error ?? ""));
            Assert.AreEqual((int)reference.TokenStartIndex, core.TokenStart, where + "TokenStart");
            switch (token)
            {
                case JsonToken.PropertyName:
                    string name = reference.GetString()!;
                    Assert.AreEqual(name, core.GetString(), where + "name");
                    Assert.IsTrue(core.NameEquals(name), where + "NameEquals(" + name + ")");
                    Assert.IsFalse(core.NameEquals(name + "x"), where + "NameEquals(longer)");
                    break;
                case JsonToken.String:
                    Assert.AreEqual(reference.GetString(), core.GetString(), where + "string");
                    break;
                case JsonToken.Number:
                    Assert.AreEqual(reference.TryGetInt64(out long expectedLong), core.TryGetInt64(out long actualLong), where + "TryGetInt64");
                    Assert.AreEqual(expectedLong, actualLong, where + "long");
                    Assert.AreEqual(reference.GetDouble(), core.GetDouble(), Math.Abs(reference.GetDouble()) * 1e-15, where + "double");
                    break;
            }

            index++;
        }

        Assert.AreEqual(JsonToken.End, core.Read(), core.Error);
        Assert.IsNull(core.Error);
    }

    /// <summary>Reads <paramref name="json"/> with JsonReader and writes the same structure with JsonWriter.</summary>
    public static byte[] Rewrite(byte[] json)
    {
        var reader = new JsonReader(json, 0, json.Length);
        var writer = new JsonWriter(json.Length * 2 + 64);
        string? name = null;
        while (true)
        {
            JsonToken token = reader.Read();
            switch (token)
            {
                case JsonToken.End:
                    Assert.IsFalse(writer.Overflowed);
                    return writer.Buffer.AsSpan(0, writer.Length).ToArray();
                case JsonToken.Error:
                    throw new AssertFailedException("reader error: " + reader.Error);
                case JsonToken.PropertyName:
                    name = reader.GetString();
                    continue;
                case JsonToken.StartObject:
                    if (name == null) writer.BeginObject(); else writer.BeginObject(name);
                    break;
                case JsonToken.StartArray:
                    if (name == null) writer.BeginArray(); else writer.BeginArray(name);
                    break;
                case JsonToken.EndObject:
                    writer.EndObject();
                    break;
                case JsonToken.EndArray:
                    writer.EndArray();
                    break;
                case JsonToken.String:
                    if (name == null) writer.StringValue(reader.GetString()); else writer.String(name, reader.GetString());
                    break;
                case JsonToken.True:
                case JsonToken.False:
                    if (name == null) writer.BoolValue(token == JsonToken.True); else writer.Bool(name, token == JsonToken.True);
                    break;
                case JsonToken.Null:
                    if (name == null) writer.NullValue(); else writer.Null(name);
                    break;
                case JsonToken.Number:
                    if (reader.TryGetInt64(out long integer))
                    {
                        if (name == null) writer.IntValue(integer); else writer.Int(name, integer);
                    }
                    else if (name == null)
                    {
                        writer.NumberValue(reader.GetDouble(), 6);
                    }
                    else
                    {
                        writer.Number(name, reader.GetDouble(), 6);
                    }

                    break;
            }

            name = null;
        }
    }

    /// <summary>Structural JSON equality: objects ignore member order, numbers compare by value.</summary>
    public static bool JsonEquals(JsonElement a, JsonElement b, out string difference, string path = "$")
    {
        difference = "";
        if (a.ValueKind != b.ValueKind)
        {
            difference = path + ": " + a.ValueKind + " vs " + b.ValueKind;
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToList();
                if (left.Count != right.Count)
                {
                    difference = path + ": " + left.Count + " vs " + right.Count + " members";
                    return false;
                }

                foreach (JsonProperty property in left)
                {
                    if (!b.TryGetProperty(property.Name, out JsonElement other))
                    {
                        difference = path + "." + property.Name + ": missing";
                        return false;
                    }

                    if (!JsonEquals(property.Value, other, out difference, path + "." + property.Name))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    difference = path + ": array lengths differ";
                    return false;
                }

                for (int i = 0; i < a.GetArrayLength(); i++)
                {
                    if (!JsonEquals(a[i], b[i], out difference, path + "[" + i + "]"))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                if (a.GetString() != b.GetString())
                {
                    difference = path + ": " + a.GetRawText() + " vs " + b.GetRawText();
                    return false;
                }

                return true;
            case JsonValueKind.Number:
                if (a.GetDecimal() != b.GetDecimal())
                {
                    difference = path + ": " + a.GetRawText() + " vs " + b.GetRawText();
                    return false;
                }

                return true;
            default:
                return true;
        }
    }

    public static string Text(byte[] json) => Encoding.UTF8.GetString(json);

    private static JsonToken Map(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => JsonToken.StartObject,
        JsonTokenType.EndObject => JsonToken.EndObject,
        JsonTokenType.StartArray => JsonToken.StartArray,
        JsonTokenType.EndArray => JsonToken.EndArray,
        JsonTokenType.PropertyName => JsonToken.PropertyName,
        JsonTokenType.String => JsonToken.String,
        JsonTokenType.Number => JsonToken.Number,
        JsonTokenType.True => JsonToken.True,
        JsonTokenType.False => JsonToken.False,
        JsonTokenType.Null => JsonToken.Null,
        _ => throw new InvalidOperationException("unexpected token type " + type),
    };
}
