using System.Text.Json;
using CsCheck;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

/// <summary>Random JSON trees and random corruptions of the golden vectors, checked against System.Text.Json.</summary>
[TestClass]
public sealed class JsonPropertyTests
{
    private const int Iterations = 2_000;

    [TestMethod]
    public void RandomTreesWrittenByJsonWriterParseBackEqual()
    {
        GenTree(depth: 4).Sample(tree =>
        {
            var writer = new JsonWriter(64 * 1024);
            tree.WriteTop(writer);
            Assert.IsFalse(writer.Overflowed);
            byte[] json = writer.Buffer.AsSpan(0, writer.Length).ToArray();

            using JsonDocument document = JsonDocument.Parse(json);
            tree.AssertEquals(document.RootElement, "$");
            JsonCrossCheck.AssertSameTokens(json);
        }, iter: Iterations, print: tree => tree.ToString());
    }

    [TestMethod]
    public void RandomNumbersRoundHalfAwayFromZero()
    {
        Gen.Select(Gen.Double[-1e7, 1e7], Gen.Int[0, 6]).Sample((value, decimals) =>
        {
            var writer = new JsonWriter(64);
            writer.BeginArray();
            writer.NumberValue(value, decimals);
            writer.EndArray();
            string text = writer.ToString();
            using JsonDocument document = JsonDocument.Parse(text);
            string number = document.RootElement[0].GetRawText();
            Assert.DoesNotContain("e", number, text);
            Assert.DoesNotContain("E", number, text);
            if (number.Contains('.', StringComparison.Ordinal))
            {
                Assert.IsFalse(number.EndsWith('0'), "trailing zero in " + text);
                Assert.IsLessThanOrEqualTo(decimals, number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1, text);
            }

            double scale = Math.Pow(10, decimals);
            double written = document.RootElement[0].GetDouble();
            Assert.AreEqual(value, written, 0.5 / scale + Math.Abs(value) * 1e-15, text);
        }, iter: Iterations);
    }

    [TestMethod]
    public void MutatedVectorsNeverThrowAndAgreeWithSystemTextJson()
    {
        byte[][] vectors = ProtocolVectors.Valid()
            .Select(v => ProtocolVectors.ReadValid((string)v[0]))
            .ToArray();
        byte[] interesting = "{}[],:\"\\ 0123456789-+.eEtrufalsn\u0001\t\n"u8.ToArray()
            .Concat(new byte[] { 0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE5, 0xED, 0xF0, 0xF4, 0xF5, 0xFF })
            .ToArray();
        Gen<Mutation> mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.OneOf(interesting), Gen.Byte)
            .Select((kind, position, pick, random) => new Mutation(kind, position, (position & 1) == 0 ? pick : random));
        Gen.Select(Gen.Int[0, vectors.Length - 1], mutation.Array[1, 4]).Sample((index, mutations) =>
        {
            byte[] json = vectors[index];
            foreach (Mutation m in mutations)
            {
                json = m.Apply(json);
            }

            bool coreAccepts = ReadEverything(json);
            bool referenceAccepts = ReferenceAccepts(json);
            Assert.AreEqual(referenceAccepts, coreAccepts,
                "JsonReader " + (coreAccepts ? "accepted" : "rejected") + " what System.Text.Json " +
                (referenceAccepts ? "accepted" : "rejected") + ": " + Convert.ToHexString(json));
            if (coreAccepts)
            {
                JsonCrossCheck.AssertSameTokens(json);
            }
        }, iter: Iterations * 5);
    }

    /// <summary>Reads every token and asks for every value; true when the input ended without an error.</summary>
    private static bool ReadEverything(byte[] json)
    {
        var reader = new JsonReader(json, 0, json.Length);
        for (int guard = 0; guard <= json.Length + 1; guard++)
        {
            switch (reader.Read())
            {
                case JsonToken.End:
                    return true;
                case JsonToken.Error:
                    Assert.IsNotNull(reader.Error);
                    return false;
                case JsonToken.PropertyName:
                    reader.NameEquals("seq");
                    reader.NameEquals("温度");
                    reader.GetString();
                    break;
                case JsonToken.String:
                    reader.GetString();
                    break;
                case JsonToken.Number:
                    reader.GetDouble();
                    reader.TryGetInt64(out _);
                    break;
            }
        }

        throw new AssertFailedException("JsonReader did not finish within one token per byte");
    }

    /// <summary>System.Text.Json's strict view: valid UTF-8 throughout, depth ≤ 16, well-formed.</summary>
    private static bool ReferenceAccepts(byte[] json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, JsonCrossCheck.StrictOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    reader.GetString(); // validates escapes such as lone surrogates
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record Mutation(int Kind, int Position, byte Value)
    {
        public byte[] Apply(byte[] json)
        {
            var bytes = new List<byte>(json);
            int at = json.Length == 0 ? 0 : Position % (json.Length + 1);
            switch (Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = Value; // replace
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveAt(at); // delete
                    break;
                case 2:
                    bytes.Insert(at, Value); // insert
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
            }

            return bytes.ToArray();
        }
    }

    private static Gen<Node> GenTree(int depth)
    {
        Gen<string> text = Gen.OneOf(
                "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "工", "会", "驿站", "😀", "\u2028", "0")
            .Array[0, 8]
            .Select(parts => string.Concat(parts));
        Gen<Node> leaf = Gen.OneOf<Node>(
            text.Select(s => (Node)new StringNode(s)),
            Gen.Long.Select(n => (Node)new IntNode(n)),
            Gen.Select(Gen.Long[-9_000_000_000_000L, 9_000_000_000_000L], Gen.Int[0, 6]).Select((units, decimals) => (Node)new NumberNode(units, decimals)),
            Gen.Bool.Select(b => (Node)new BoolNode(b)),
            Gen.Const<Node>(new NullNode()));
        Gen<Node> current = leaf;
        for (int level = 0; level < depth; level++)
        {
            Gen<Node> child = current;
            current = Gen.Frequency<Node>(
                (3, leaf),
                (1, child.Array[0, 5].Select(items => (Node)new ArrayNode(items))),
                (1, Gen.Select(text, child).Array[0, 5].Select(members => (Node)new ObjectNode(members))));
        }

        // The top level is always a container (JsonWriter has no top-level scalar writes).
        return Gen.OneOf<Node>(
            current.Array[0, 5].Select(items => (Node)new ArrayNode(items)),
            Gen.Select(text, current).Array[0, 5].Select(members => (Node)new ObjectNode(members)));
    }

    private abstract record Node
    {
        public void WriteTop(JsonWriter writer) => Write(writer, null);

        public abstract void Write(JsonWriter writer, string? name);

        public abstract void AssertEquals(JsonElement element, string path);
    }

    private sealed record StringNode(string Value) : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.StringValue(Value); else writer.String(name, Value);
        }

        public override void AssertEquals(JsonElement element, string path) => Assert.AreEqual(Value, element.GetString(), path);
    }

    private sealed record IntNode(long Value) : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.IntValue(Value); else writer.Int(name, Value);
        }

        public override void AssertEquals(JsonElement element, string path) => Assert.AreEqual(Value, element.GetInt64(), path);
    }

    /// <summary>units / 10^decimals, written with exactly that many decimals: the text must be that exact decimal.</summary>
    private sealed record NumberNode(long Units, int Decimals) : Node
    {
        private decimal Exact => Units / (decimal)Math.Pow(10, Decimals);

        public override void Write(JsonWriter writer, string? name)
        {
            double value = (double)Exact;
            if (name == null) writer.NumberValue(value, Decimals); else writer.Number(name, value, Decimals);
        }

        public override void AssertEquals(JsonElement element, string path) => Assert.AreEqual(Exact, element.GetDecimal(), path + " " + element.GetRawText());
    }

    private sealed record BoolNode(bool Value) : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.BoolValue(Value); else writer.Bool(name, Value);
        }

        public override void AssertEquals(JsonElement element, string path) =>
            Assert.AreEqual(Value ? JsonValueKind.True : JsonValueKind.False, element.ValueKind, path);
    }

    private sealed record NullNode : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.NullValue(); else writer.Null(name);
        }

        public override void AssertEquals(JsonElement element, string path) => Assert.AreEqual(JsonValueKind.Null, element.ValueKind, path);
    }

    private sealed record ArrayNode(Node[] Items) : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.BeginArray(); else writer.BeginArray(name);
            foreach (Node item in Items)
            {
                item.Write(writer, null);
            }

            writer.EndArray();
        }

        public override void AssertEquals(JsonElement element, string path)
        {
            Assert.AreEqual(JsonValueKind.Array, element.ValueKind, path);
            Assert.AreEqual(Items.Length, element.GetArrayLength(), path);
            for (int i = 0; i < Items.Length; i++)
            {
                Items[i].AssertEquals(element[i], path + "[" + i + "]");
            }
        }

        public override string ToString() => "[" + string.Join(",", Items.Select(i => i.ToString())) + "]";
    }

    private sealed record ObjectNode((string Name, Node Value)[] Members) : Node
    {
        public override void Write(JsonWriter writer, string? name)
        {
            if (name == null) writer.BeginObject(); else writer.BeginObject(name);
            foreach ((string memberName, Node value) in Members)
            {
                value.Write(writer, memberName);
            }

            writer.EndObject();
        }

        public override void AssertEquals(JsonElement element, string path)
        {
            Assert.AreEqual(JsonValueKind.Object, element.ValueKind, path);
            var properties = element.EnumerateObject().ToArray(); // keeps order and duplicates
            Assert.HasCount(Members.Length, properties, path);
            for (int i = 0; i < Members.Length; i++)
            {
                Assert.AreEqual(Members[i].Name, properties[i].Name, path);
                Members[i].Value.AssertEquals(properties[i].Value, path + "." + Members[i].Name);
            }
        }

        public override string ToString() => "{" + string.Join(",", Members.Select(m => m.Name + ":" + m.Value)) + "}";
    }
}
