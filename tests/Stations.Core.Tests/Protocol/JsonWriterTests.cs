using System.Text;
using Stations.Core.Protocol;

namespace Stations.Core.Tests.Protocol;

[TestClass]
public sealed class JsonWriterTests
{
    private static string Write(Action<JsonWriter> build, int capacity = 512)
    {
        var writer = new JsonWriter(capacity);
        build(writer);
        Assert.IsFalse(writer.Overflowed, "unexpected overflow");
        return Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length);
    }

    [TestMethod]
    public void WritesAnEnvelopeCompactlyInOrder()
    {
        string json = Write(w =>
        {
            w.BeginObject();
            w.Int("v", 1);
            w.String("boot", "9f3a1c07");
            w.Int("seq", 42);
            w.Int("up", 3600000);
            w.Int("ts", 1763903594877);
            w.Bool("open", true);
            w.BeginObject("cnt");
            w.Int("vis", 17);
            w.Number("l", 12.345, 3);
            w.EndObject();
            w.BeginArray("clim");
            w.BeginObject();
            w.String("id", "probe1");
            w.Number("t", 24.5, 1);
            w.EndObject();
            w.BeginObject();
            w.String("id", "probe2");
            w.String("err", "stale");
            w.EndObject();
            w.EndArray();
            w.BeginArray("door");
            w.EndArray();
            w.EndObject();
        });
        Assert.AreEqual(
            "{\"v\":1,\"boot\":\"9f3a1c07\",\"seq\":42,\"up\":3600000,\"ts\":1763903594877,\"open\":true," +
            "\"cnt\":{\"vis\":17,\"l\":12.345},\"clim\":[{\"id\":\"probe1\",\"t\":24.5},{\"id\":\"probe2\",\"err\":\"stale\"}]," +
            "\"door\":[]}", json);
    }

    [TestMethod]
    public void ArrayElementsAreSeparated()
    {
        string json = Write(w =>
        {
            w.BeginArray();
            w.StringValue("a");
            w.IntValue(-5);
            w.BoolValue(false);
            w.NullValue();
            w.NumberValue(0.5, 2);
            w.BeginArray();
            w.EndArray();
            w.BeginObject();
            w.EndObject();
            w.RawValue(Encoding.UTF8.GetBytes("x{\"k\":[1]}x"), 1, 9);
            w.EndArray();
        });
        Assert.AreEqual("[\"a\",-5,false,null,0.5,[],{},{\"k\":[1]}]", json);
    }

    [TestMethod]
    public void EscapesQuotesBackslashesAndControlCharacters()
    {
        string json = Write(w =>
        {
            w.BeginObject();
            w.String("s", "a\"b\\c\n\t\u0001\u001f/");
            w.EndObject();
        });
        Assert.AreEqual("{\"s\":\"a\\\"b\\\\c\\u000a\\u0009\\u0001\\u001f/\"}", json);
    }

    [TestMethod]
    public void WritesNonAsciiAsUtf8()
    {
        var writer = new JsonWriter(128);
        writer.BeginObject();
        writer.String("名", "工会驿站 é 😀");
        writer.EndObject();
        byte[] expected = Encoding.UTF8.GetBytes("{\"名\":\"工会驿站 é 😀\"}");
        CollectionAssert.AreEqual(expected, writer.Buffer.AsSpan(0, writer.Length).ToArray());
        Assert.AreEqual("{\"名\":\"工会驿站 é 😀\"}", writer.ToString());
    }

    [TestMethod]
    public void LoneSurrogateBecomesReplacementCharacter()
    {
        string json = Write(w =>
        {
            w.BeginObject();
            w.String("s", "a\ud800b\udc00");
            w.EndObject();
        });
        Assert.AreEqual("{\"s\":\"a\ufffdb\ufffd\"}", json);
    }

    [TestMethod]
    public void NullStringIsWrittenAsNull()
    {
        Assert.AreEqual("{\"s\":null,\"n\":null}", Write(w =>
        {
            w.BeginObject();
            w.String("s", null!);
            w.Null("n");
            w.EndObject();
        }));
    }

    [TestMethod]
    [DataRow(12.345, 3, "12.345")]
    [DataRow(24.5, 1, "24.5")]
    [DataRow(24.0, 1, "24")]
    [DataRow(0.0, 3, "0")]
    [DataRow(-0.0, 3, "0")]
    [DataRow(-0.0004, 3, "0")]
    [DataRow(-0.0005, 3, "-0.001")]
    [DataRow(0.05, 1, "0.1")]
    [DataRow(-0.05, 1, "-0.1")]
    [DataRow(1.25, 1, "1.3")]
    [DataRow(-1.25, 1, "-1.3")]
    [DataRow(180.54, 1, "180.5")]
    [DataRow(-40.0, 1, "-40")]
    [DataRow(3.14159265, 6, "3.141593")]
    [DataRow(0.000001, 6, "0.000001")]
    [DataRow(0.1, 6, "0.1")]
    [DataRow(1.5, 0, "2")]
    [DataRow(-2.5, 0, "-3")]
    [DataRow(1.23456789, 9, "1.234568")]
    [DataRow(7.7, -2, "8")]
    [DataRow(1763903594877.0, 3, "1763903594877")]
    [DataRow(9007199254740993.0, 6, "9007199254740992")]
    [DataRow(1e18, 2, "10000000000000000e2")]
    [DataRow(-2.5e20, 0, "-25000000000000000e4")]
    public void FormatsNumbersWithoutExponentOrTrailingZeros(double value, int decimals, string expected)
    {
        Assert.AreEqual("[" + expected + "]", Write(w =>
        {
            w.BeginArray();
            w.NumberValue(value, decimals);
            w.EndArray();
        }));
    }

    [TestMethod]
    public void NaNAndInfinityAreWrittenAsNull()
    {
        Assert.AreEqual("{\"a\":null,\"b\":null,\"c\":null}", Write(w =>
        {
            w.BeginObject();
            w.Number("a", double.NaN, 1);
            w.Number("b", double.PositiveInfinity, 1);
            w.Number("c", double.NegativeInfinity, 1);
            w.EndObject();
        }));
    }

    [TestMethod]
    public void WritesExtremeIntegers()
    {
        Assert.AreEqual("[0,-1,9223372036854775807,-9223372036854775808]", Write(w =>
        {
            w.BeginArray();
            w.IntValue(0);
            w.IntValue(-1);
            w.IntValue(long.MaxValue);
            w.IntValue(long.MinValue);
            w.EndArray();
        }));
    }

    [TestMethod]
    public void OverflowSetsTheFlagInsteadOfThrowing()
    {
        var writer = new JsonWriter(10);
        writer.BeginObject();
        writer.String("name", "too long for ten bytes");
        writer.Int("n", 1);
        writer.EndObject();
        Assert.IsTrue(writer.Overflowed);
        Assert.IsTrue(writer.Length <= 10);
    }

    [TestMethod]
    public void OverflowOfRawIsAllOrNothing()
    {
        var writer = new JsonWriter(8);
        writer.BeginArray();
        writer.RawValue(new byte[20], 0, 20);
        Assert.IsTrue(writer.Overflowed);
        Assert.AreEqual(1, writer.Length);
    }

    [TestMethod]
    public void ExactFitDoesNotOverflow()
    {
        var writer = new JsonWriter(9);
        writer.BeginObject();
        writer.Int("a", 123);
        writer.EndObject();
        Assert.IsFalse(writer.Overflowed);
        Assert.AreEqual("{\"a\":123}", writer.ToString());
    }

    [TestMethod]
    public void ResetClearsOverflowAndCommaState()
    {
        var writer = new JsonWriter(7);
        writer.BeginObject();
        writer.Int("abc", 1234);
        Assert.IsTrue(writer.Overflowed);
        writer.Reset();
        writer.BeginObject();
        writer.Int("a", 1);
        writer.EndObject();
        Assert.IsFalse(writer.Overflowed);
        Assert.AreEqual("{\"a\":1}", writer.ToString());
    }

    [TestMethod]
    public void RepeatedWritesDoNotAllocate()
    {
        var writer = new JsonWriter(1024);
        void Build()
        {
            writer.Reset();
            writer.BeginObject();
            writer.Int("v", 1);
            writer.String("boot", "9f3a1c07");
            writer.Int("seq", 123456);
            writer.Number("t", -12.345, 1);
            writer.String("txt", "驿站 \"q\"\n");
            writer.BeginArray("a");
            writer.IntValue(long.MinValue);
            writer.StringValue("x");
            writer.EndArray();
            writer.Bool("b", false);
            writer.EndObject();
        }

        Build(); // warm up (static tables, JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Build();
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
