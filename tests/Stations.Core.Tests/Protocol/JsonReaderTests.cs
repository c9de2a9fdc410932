using System.Text;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

[TestClass]
public sealed class JsonReaderTests
{
    private static JsonReader Reader(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        return new JsonReader(bytes, 0, bytes.Length);
    }

    private static List<JsonToken> Tokens(string json, out string? error)
    {
        var reader = Reader(json);
        var tokens = new List<JsonToken>();
        for (int guard = 0; guard < 10_000; guard++)
        {
            JsonToken token = reader.Read();
            tokens.Add(token);
            if (token is JsonToken.End or JsonToken.Error)
            {
                error = reader.Error;
                return tokens;
            }
        }

        throw new InvalidOperationException("reader did not finish");
    }

    private static string ErrorOf(string json)
    {
        List<JsonToken> tokens = Tokens(json, out string? error);
        Assert.AreEqual(JsonToken.Error, tokens[^1], "expected an error for: " + json);
        Assert.IsNotNull(error);
        return error;
    }

    [TestMethod]
    public void ReadsEveryTokenKind()
    {
        List<JsonToken> tokens = Tokens(" {\"a\":[1,-2.5e3,\"s\",true,false,null,{}],\"b\":{\"c\":[]}} \r\n", out string? error);
        Assert.IsNull(error);
        CollectionAssert.AreEqual(new[]
        {
            JsonToken.StartObject, JsonToken.PropertyName, JsonToken.StartArray, JsonToken.Number, JsonToken.Number,
            JsonToken.String, JsonToken.True, JsonToken.False, JsonToken.Null, JsonToken.StartObject, JsonToken.EndObject,
            JsonToken.EndArray, JsonToken.PropertyName, JsonToken.StartObject, JsonToken.PropertyName,
            JsonToken.StartArray, JsonToken.EndArray, JsonToken.EndObject, JsonToken.EndObject, JsonToken.End,
        }, tokens);
    }

    [TestMethod]
    public void TopLevelScalarsAreValid()
    {
        foreach (string json in new[] { "1", "\"x\"", "true", "null", " -0 ", "0.5e-3" })
        {
            List<JsonToken> tokens = Tokens(json, out string? error);
            Assert.IsNull(error, json);
            Assert.HasCount(2, tokens, json);
            Assert.AreEqual(JsonToken.End, tokens[1]);
        }
    }

    [TestMethod]
    public void EndAndErrorAreSticky()
    {
        var reader = Reader("{}");
        reader.Read();
        reader.Read();
        Assert.AreEqual(JsonToken.End, reader.Read());
        Assert.AreEqual(JsonToken.End, reader.Read());
        var bad = Reader("[,");
        bad.Read();
        Assert.AreEqual(JsonToken.Error, bad.Read());
        Assert.AreEqual(JsonToken.Error, bad.Read());
        Assert.AreEqual(JsonToken.Error, bad.Token);
    }

    [TestMethod]
    [DataRow("", "empty input at byte 0")]
    [DataRow("   ", "unexpected end of input at byte 3")]
    [DataRow("{\"a\":1,}", "trailing comma before '}' at byte 7")]
    [DataRow("[1,2,]", "trailing comma before ']' at byte 5")]
    [DataRow("[01]", "leading zero in a number at byte 1")]
    [DataRow("[-01]", "leading zero in a number at byte 1")]
    [DataRow("{\"a\":1} x", "unexpected 'x' after the end of the JSON value at byte 8")]
    [DataRow("{} {}", "unexpected '{' after the end of the JSON value at byte 3")]
    [DataRow("[1 2]", "expected ',' or ']' but found '2' at byte 3")]
    [DataRow("{\"a\" 1}", "expected ':' but found '1' at byte 5")]
    [DataRow("{a:1}", "expected a property name in double quotes but found 'a' at byte 1")]
    [DataRow("[1,,2]", "expected a value but found ',' at byte 3")]
    [DataRow("[\"a\tb\"]", "unescaped control character byte 0x09 in a string at byte 3")]
    [DataRow("[\"a\\x\"]", "invalid escape \\x in a string at byte 3")]
    [DataRow("[\"\\u12G4\"]", "\\u must be followed by 4 hex digits at byte 2")]
    [DataRow("[\"abc", "unterminated string starting at byte 1")]
    [DataRow("[\"\\ud800\"]", "\\u escape of a high surrogate without a low one at byte 2")]
    [DataRow("[\"\\ud800\\u0041\"]", "\\u escape of a high surrogate without a low one at byte 2")]
    [DataRow("[\"x\\udc00\"]", "\\u escape of a low surrogate without a high one at byte 3")]
    [DataRow("[1.]", "a number needs a digit after '.' at byte 3")]
    [DataRow("[1e]", "a number needs a digit in its exponent at byte 3")]
    [DataRow("[-]", "a number needs a digit after '-' at byte 1")]
    [DataRow("[.5]", "expected a value but found '.' at byte 1")]
    [DataRow("[+1]", "expected a value but found '+' at byte 1")]
    [DataRow("[tru]", "invalid literal (expected true) at byte 1")]
    [DataRow("[nul", "invalid literal (expected null) at byte 1")]
    [DataRow("[NaN]", "expected a value but found 'N' at byte 1")]
    [DataRow("{\"a\":1", "unexpected end of input at byte 6")]
    [DataRow("[1}", "expected ',' or ']' but found '}' at byte 2")]
    [DataRow("// c\n{}", "expected a value but found '/' at byte 0")]
    [DataRow("\ufeff{}", "expected a value but found byte 0xEF at byte 0")]
    [DataRow("{'a':1}", "expected a property name in double quotes but found ''' at byte 1")]
    public void RejectsMalformedJsonNamingTheByteOffset(string json, string expected) =>
        Assert.AreEqual(expected, ErrorOf(json));

    [TestMethod]
    public void NestingOf16IsAcceptedAnd17IsAnError()
    {
        string ok = new string('[', 16) + new string(']', 16);
        Tokens(ok, out string? error);
        Assert.IsNull(error);
        string deep = "{\"a\":" + new string('[', 16) + new string(']', 16) + "}";
        Assert.AreEqual("nesting deeper than 16 levels at byte 20", ErrorOf(deep));
    }

    [TestMethod]
    public void InvalidUtf8InAStringIsAnError()
    {
        byte[][] bad =
        {
            [(byte)'"', 0xC3, (byte)'"'],                 // truncated sequence
            [(byte)'"', 0xC0, 0x80, (byte)'"'],           // overlong NUL
            [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'],     // encoded surrogate
            [(byte)'"', 0xF4, 0x90, 0x80, 0x80, (byte)'"'], // above U+10FFFF
            [(byte)'"', 0xFF, (byte)'"'],
        };
        foreach (byte[] json in bad)
        {
            var reader = new JsonReader(json, 0, json.Length);
            Assert.AreEqual(JsonToken.Error, reader.Read());
            Assert.AreEqual("invalid UTF-8 in a string at byte 1", reader.Error);
        }
    }

    [TestMethod]
    public void ReadsASubrangeAndReportsOffsetsInTheWholeArray()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("garbage{\"a\":[1,2]}garbage");
        var reader = new JsonReader(bytes, 7, 11);
        Assert.AreEqual(JsonToken.StartObject, reader.Read());
        Assert.AreEqual(7, reader.TokenStart);
        Assert.AreEqual(JsonToken.PropertyName, reader.Read());
        Assert.AreEqual(8, reader.TokenStart);
        Assert.AreEqual(JsonToken.StartArray, reader.Read());
        reader.Skip();
        Assert.AreEqual(JsonToken.EndArray, reader.Token);
        Assert.AreEqual(17, reader.ValueEnd);
        Assert.AreEqual(JsonToken.EndObject, reader.Read());
        Assert.AreEqual(JsonToken.End, reader.Read());

        var bad = new JsonReader(bytes, 7, 12);
        while (bad.Read() is not (JsonToken.End or JsonToken.Error))
        {
        }

        Assert.AreEqual("unexpected 'g' after the end of the JSON value at byte 11", bad.Error);
    }

    [TestMethod]
    public void ResetReusesTheReader()
    {
        byte[] a = Encoding.UTF8.GetBytes("[1,");
        byte[] b = Encoding.UTF8.GetBytes("{\"k\":true}");
        var reader = new JsonReader(a, 0, a.Length);
        while (reader.Read() != JsonToken.Error)
        {
        }

        reader.Reset(b, 0, b.Length);
        Assert.AreEqual(JsonToken.None, reader.Token);
        Assert.IsNull(reader.Error);
        Assert.AreEqual(JsonToken.StartObject, reader.Read());
        Assert.AreEqual(JsonToken.PropertyName, reader.Read());
        Assert.IsTrue(reader.NameEquals("k"));
        Assert.AreEqual(JsonToken.True, reader.Read());
        Assert.AreEqual(JsonToken.EndObject, reader.Read());
        Assert.AreEqual(JsonToken.End, reader.Read());
    }

    [TestMethod]
    public void RangeOutsideTheArrayThrows()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new JsonReader(new byte[4], 2, 3));
        Assert.ThrowsExactly<ArgumentException>(() => new JsonReader(new byte[4], -1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new JsonReader(null!, 0, 0));
    }

    [TestMethod]
    public void NameEqualsComparesPlainEscapedAndNonAsciiNames()
    {
        var reader = Reader("{\"boot\":1,\"b\\u006fot\":2,\"温度\":3,\"😀x\":4,\"\":5,\"bootx\":6}");
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals("boot"));
        Assert.IsFalse(reader.NameEquals("boo"));
        Assert.IsFalse(reader.NameEquals("bootx"));
        Assert.IsFalse(reader.NameEquals("Boot"));
        Assert.IsFalse(reader.NameEquals(null!));
        reader.Read();
        Assert.IsFalse(reader.NameEquals("boot"), "a number is not a name");
        reader.Read();
        Assert.IsTrue(reader.NameEquals("boot"));
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals("温度"));
        Assert.IsFalse(reader.NameEquals("温"));
        Assert.IsFalse(reader.NameEquals("温度度"));
        Assert.IsFalse(reader.NameEquals("\ud800\u5ea6"));
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals("😀x"));
        Assert.IsFalse(reader.NameEquals("😁x"));
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals(""));
        Assert.IsFalse(reader.NameEquals("a"));
    }

    [TestMethod]
    public void NameEqualsDoesNotAllocate()
    {
        var reader = Reader("{\"seq\":1,\"温度\":2}");
        reader.Read();
        reader.Read();
        reader.NameEquals("warm-up");
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 100; i++)
        {
            all &= reader.NameEquals("seq") && !reader.NameEquals("boot") && !reader.NameEquals("温度");
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.IsTrue(all);
    }

    [TestMethod]
    public void ReadingTokensDoesNotAllocate()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"9f3a1c07\",\"a\":[1.5,true,null,\"x\\n驿\"],\"o\":{\"k\":-3}}");
        var reader = new JsonReader(bytes, 0, bytes.Length);
        while (reader.Read() != JsonToken.End)
        {
            if (reader.Token == JsonToken.Number)
            {
                reader.TryGetInt64(out _);
                reader.GetDouble(); // warm-up: static tables and JIT tiers may allocate once
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            reader.Reset(bytes, 0, bytes.Length);
            while (reader.Read() != JsonToken.End)
            {
                if (reader.Token == JsonToken.Number)
                {
                    reader.TryGetInt64(out _);
                    reader.GetDouble();
                }
            }
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void GetStringUnescapes()
    {
        var reader = Reader("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u00e9\\u5de5\\ud83d\\ude00 工会\",\"plain 驿站\"]");
        reader.Read();
        reader.Read();
        Assert.AreEqual("a\"b\\c/d\b\f\n\r\tAé工😀 工会", reader.GetString());
        reader.Read();
        Assert.AreEqual("plain 驿站", reader.GetString());
        reader.Read();
        Assert.ThrowsExactly<InvalidOperationException>(() => reader.GetString());
    }

    [TestMethod]
    public void GetStringOfANumberIsItsText()
    {
        var reader = Reader("[-12.50e+3]");
        reader.Read();
        reader.Read();
        Assert.AreEqual("-12.50e+3", reader.GetString());
    }

    [TestMethod]
    [DataRow("0", 0.0)]
    [DataRow("-0", -0.0)]
    [DataRow("12.345", 12.345)]
    [DataRow("-40.5", -40.5)]
    [DataRow("1763903594877", 1763903594877.0)]
    [DataRow("0.001", 0.001)]
    [DataRow("0.000000000000000000000000001", 1e-27)]
    [DataRow("1e3", 1000.0)]
    [DataRow("1E+3", 1000.0)]
    [DataRow("25e-1", 2.5)]
    [DataRow("123456789012345678901234567890", 1.2345678901234568e29)]
    [DataRow("1e400", double.PositiveInfinity)]
    [DataRow("1e-400", 0.0)]
    [DataRow("4000.0", 4000.0)]
    public void GetDoubleParsesNumbers(string text, double expected)
    {
        var reader = Reader(text);
        Assert.AreEqual(JsonToken.Number, reader.Read());
        double actual = reader.GetDouble();
        if (double.IsInfinity(expected) || expected == 0)
        {
            Assert.AreEqual(expected, actual);
        }
        else
        {
            Assert.AreEqual(expected, actual, Math.Abs(expected) * 1e-15);
        }
    }

    [TestMethod]
    public void GetDoubleNeedsANumber()
    {
        var reader = Reader("[\"1\"]");
        reader.Read();
        reader.Read();
        Assert.ThrowsExactly<InvalidOperationException>(() => reader.GetDouble());
    }

    [TestMethod]
    [DataRow("0", true, 0L)]
    [DataRow("-0", true, 0L)]
    [DataRow("42", true, 42L)]
    [DataRow("-7", true, -7L)]
    [DataRow("2147483647", true, 2147483647L)]
    [DataRow("9007199254740992", true, 9007199254740992L)]
    [DataRow("9223372036854775807", true, long.MaxValue)]
    [DataRow("-9223372036854775808", true, long.MinValue)]
    [DataRow("9223372036854775808", false, 0L)]
    [DataRow("-9223372036854775809", false, 0L)]
    [DataRow("99999999999999999999", false, 0L)]
    [DataRow("1.0", false, 0L)]
    [DataRow("1e2", false, 0L)]
    public void TryGetInt64AcceptsOnlyIntegersThatFit(string text, bool ok, long expected)
    {
        var reader = Reader(text);
        reader.Read();
        Assert.AreEqual(ok, reader.TryGetInt64(out long value));
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    public void TryGetInt64IsFalseForNonNumbers()
    {
        var reader = Reader("\"5\"");
        reader.Read();
        Assert.IsFalse(reader.TryGetInt64(out _));
    }

    [TestMethod]
    public void SkipAfterAPropertyNameSkipsItsValue()
    {
        const string json = "{\"config\":{\"a\":[1,{\"b\":2}],\"c\":\"}\"},\"n\":5,\"s\":\"x\"}";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new JsonReader(bytes, 0, bytes.Length);
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals("config"));
        reader.Skip();
        Assert.AreEqual(JsonToken.EndObject, reader.Token);
        Assert.AreEqual(json.IndexOf(",\"n\"", StringComparison.Ordinal), reader.ValueEnd);
        Assert.AreEqual(JsonToken.PropertyName, reader.Read());
        Assert.IsTrue(reader.NameEquals("n"));
        reader.Skip();
        Assert.AreEqual(JsonToken.Number, reader.Token);
        Assert.AreEqual(JsonToken.PropertyName, reader.Read());
        Assert.AreEqual(JsonToken.String, reader.Read());
        Assert.AreEqual(JsonToken.EndObject, reader.Read());
        Assert.AreEqual(JsonToken.End, reader.Read());
    }

    [TestMethod]
    public void SkipAtAStartObjectGivesTheRawValueRange()
    {
        const string json = "{\"args\":{\"config\":{\"x\":[1,2,3],\"y\":{}}},\"exp\":1}";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new JsonReader(bytes, 0, bytes.Length);
        reader.Read();
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.IsTrue(reader.NameEquals("config"));
        Assert.AreEqual(JsonToken.StartObject, reader.Read());
        int start = reader.TokenStart;
        reader.Skip();
        Assert.AreEqual("{\"x\":[1,2,3],\"y\":{}}", Encoding.UTF8.GetString(bytes, start, reader.ValueEnd - start));
        Assert.AreEqual(JsonToken.EndObject, reader.Read());
        Assert.AreEqual(JsonToken.PropertyName, reader.Read());
    }

    [TestMethod]
    public void SkipOverMalformedValueGivesError()
    {
        var reader = Reader("{\"a\":[1,2,}");
        reader.Read();
        reader.Read();
        reader.Skip();
        Assert.AreEqual(JsonToken.Error, reader.Token);
        Assert.AreEqual("expected a value but found '}' at byte 10", reader.Error);
    }
}
