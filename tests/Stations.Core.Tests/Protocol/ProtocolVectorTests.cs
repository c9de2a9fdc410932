using System.Text.Json;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

/// <summary>The golden vectors read by Core's codec agree with System.Text.Json and with the README's rules.</summary>
[TestClass]
public sealed class ProtocolVectorTests
{
    public static IEnumerable<object[]> ValidVectors => ProtocolVectors.Valid();

    public static IEnumerable<object[]> InvalidVectors => ProtocolVectors.Invalid();

    private static readonly string[] Kinds = ["status", "will", "telemetry", "event", "cmd", "cmd-result", "ack"];

    [TestMethod]
    public void ThereAreVectorsOfEveryKind()
    {
        foreach (string kind in Kinds)
        {
            Assert.IsTrue(ValidVectors.Any(v => ProtocolVectors.Kind((string)v[0]) == kind), "no valid " + kind + " vector");
        }

        Assert.IsGreaterThanOrEqualTo(20, InvalidVectors.Count());
    }

    [TestMethod]
    public void EveryEventTypeCommandAndResultCodeHasAValidVector()
    {
        var names = ValidVectors.Select(v => (string)v[0]).ToList();
        var eventTypes = names.Where(n => n.StartsWith("event.", StringComparison.Ordinal))
            .Select(n => Parse(ProtocolVectors.ReadValid(n)).GetProperty("type").GetString()).ToHashSet();
        var commands = names.Where(n => n.StartsWith("cmd.", StringComparison.Ordinal))
            .Select(n => Parse(ProtocolVectors.ReadValid(n)).GetProperty("name").GetString()).ToHashSet();
        var codes = names.Where(n => n.StartsWith("cmd-result.", StringComparison.Ordinal))
            .Select(n => Parse(ProtocolVectors.ReadValid(n)).GetProperty("code").GetString()).ToHashSet();
        var stopReasons = names.Where(n => n.StartsWith("event.outlet.stop.", StringComparison.Ordinal))
            .Select(n => Parse(ProtocolVectors.ReadValid(n)).GetProperty("reason").GetString()).ToHashSet();

        foreach (string type in CodesStartingWith("Event"))
        {
            Assert.Contains(type, eventTypes, "no valid vector for event type " + type);
        }

        foreach (string command in CodesStartingWith("Command"))
        {
            Assert.Contains(command, commands, "no valid vector for command " + command);
        }

        foreach (string code in CodesStartingWith("Result"))
        {
            Assert.Contains(code, codes, "no valid vector for result code " + code);
        }

        foreach (string reason in CodesStartingWith("Stop"))
        {
            Assert.Contains(reason, stopReasons, "no valid vector for outlet.stop reason " + reason);
        }
    }

    [TestMethod]
    [DynamicData(nameof(ValidVectors))]
    public void ValidVectorIsAnObjectWithinItsSizeLimit(string name)
    {
        byte[] json = ProtocolVectors.ReadValid(name);
        Assert.IsLessThanOrEqualTo(ProtocolVectors.SizeLimit(ProtocolVectors.Kind(name)), json.Length, name + " is over its topic's limit");
        Assert.AreEqual(JsonValueKind.Object, Parse(json).ValueKind);
    }

    [TestMethod]
    [DynamicData(nameof(ValidVectors))]
    public void ValidVectorReadsTheSameAsSystemTextJson(string name) =>
        JsonCrossCheck.AssertSameTokens(ProtocolVectors.ReadValid(name));

    [TestMethod]
    [DynamicData(nameof(ValidVectors))]
    public void ValidVectorRewrittenByJsonWriterIsJsonEqual(string name)
    {
        byte[] original = ProtocolVectors.ReadValid(name);
        byte[] rewritten = JsonCrossCheck.Rewrite(original);
        Assert.IsTrue(JsonCrossCheck.JsonEquals(Parse(original), Parse(rewritten), out string difference),
            difference + "\n" + JsonCrossCheck.Text(rewritten));

        // The vectors are written the way JsonWriter writes, so the bytes match too (except foreign-writer ones).
        if (!name.Contains("foreign-", StringComparison.Ordinal))
        {
            Assert.AreEqual(JsonCrossCheck.Text(original), JsonCrossCheck.Text(rewritten));
        }
    }

    [TestMethod]
    [DynamicData(nameof(InvalidVectors))]
    public void InvalidVectorHasAWellFormedReason(string name)
    {
        string reason = ProtocolVectors.Reason(name);
        string kind = ProtocolVectors.Kind(name);
        Assert.AreEqual(reason.Trim(), reason, "no surrounding whitespace or newline in " + name);
        byte[] json = ProtocolVectors.ReadInvalid(name);
        int limit = ProtocolVectors.SizeLimit(kind);
        if (reason == "too-large")
        {
            Assert.IsGreaterThan(limit, json.Length);
            Assert.IsFalse(CoreSaysNotJson(json), "a too-large vector should be fine otherwise");
            return;
        }

        Assert.IsLessThanOrEqualTo(limit, json.Length, name + " must only be wrong in one way");
        if (reason == "not-json")
        {
            return;
        }

        Assert.IsFalse(CoreSaysNotJson(json), name + " must be a well-formed JSON object (its defect is '" + reason + "')");
        JsonElement root = Parse(json);
        string[] envelope = kind switch
        {
            "telemetry" or "event" or "cmd-result" => ["v", "boot", "seq", "up", "ts"],
            "status" or "will" => ["v", "boot", "up", "ts"],
            "cmd" => ["id", "name", "exp"],
            "ack" => ["boot", "seq"],
            _ => [],
        };
        if (reason.StartsWith("bad-envelope: ", StringComparison.Ordinal))
        {
            CollectionAssert.Contains(envelope, reason["bad-envelope: ".Length..], name);
        }
        else if (reason.StartsWith("unknown-type: ", StringComparison.Ordinal))
        {
            string field = kind == "cmd" ? "name" : "type";
            Assert.AreEqual(root.GetProperty(field).GetString(), reason["unknown-type: ".Length..], name);
        }
        else
        {
            Assert.StartsWith("bad-field: ", reason, name + ": reason must be too-large, not-json, bad-envelope, unknown-type or bad-field");
            string path = reason["bad-field: ".Length..];
            Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(path, @"^[A-Za-z]+(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)*$"), name + ": bad path " + path);
            CollectionAssert.DoesNotContain(envelope, path, name + ": an envelope field is bad-envelope");
        }
    }

    [TestMethod]
    [DynamicData(nameof(InvalidVectors))]
    public void NotJsonVectorIsRejectedByJsonReaderAndSystemTextJson(string name)
    {
        if (ProtocolVectors.Reason(name) != "not-json")
        {
            return;
        }

        byte[] json = ProtocolVectors.ReadInvalid(name);
        Assert.IsTrue(CoreSaysNotJson(json), name + ": JsonReader accepted it");
        Assert.IsTrue(SystemTextJsonSaysNotJson(json), name + ": the README's System.Text.Json recipe accepted it");
    }

    [TestMethod]
    [DynamicData(nameof(InvalidVectors))]
    public void WellFormedInvalidVectorStillReadsTheSameAsSystemTextJson(string name)
    {
        byte[] json = ProtocolVectors.ReadInvalid(name);
        if (!CoreSaysNotJson(json))
        {
            JsonCrossCheck.AssertSameTokens(json);
        }
    }

    /// <summary>Core's view: not well-formed, or not an object at the top.</summary>
    private static bool CoreSaysNotJson(byte[] json)
    {
        var reader = new JsonReader(json, 0, json.Length);
        if (reader.Read() != JsonToken.StartObject)
        {
            return true;
        }

        while (true)
        {
            switch (reader.Read())
            {
                case JsonToken.End:
                    return false;
                case JsonToken.Error:
                    Assert.IsNotNull(reader.Error);
                    StringAssert.Contains(reader.Error, " at byte ");
                    return true;
            }
        }
    }

    /// <summary>The recipe the fixtures README gives a System.Text.Json validator.</summary>
    internal static bool SystemTextJsonSaysNotJson(byte[] json)
    {
        if (json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF)
        {
            return true;
        }

        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return true;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonReader.MaxDepth });
            return document.RootElement.ValueKind != JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static JsonElement Parse(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> CodesStartingWith(string prefix) =>
        typeof(ProtocolCodes).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
}
