using System.Text;

namespace Stations.Bench.Fuzz;

/// <summary>
/// Makes random and mutated messages from the golden vectors (tests/Fixtures/protocol/valid): byte flips, inserts,
/// deletions, truncation, splices, hostile JSON fragments, deep nesting, pure noise, and mangled topics. Deterministic for a seed.
/// </summary>
public sealed class FuzzInputGenerator
{
    static readonly string[] Fragments =
    [
        "null", "true", "-0", "1e999", "-1e999", "9007199254740993", "-9223372036854775809", "0.0000001", "1E+2", "01", "\"\"",
        "\"\\ud800\"", "\"\\u0000\"", "\"\\x\"", "[]", "{}", "[", "{", "}", "]", ",", ":", "\"\u9a7f\u7ad9\"", "NaN", "Infinity",
        "\"seq\":-1", "\"v\":2", "\"boot\":\"ZZZZZZZZ\"", "\"ts\":0", "\"id\":\"\"", "\"args\":null", "\"name\":\"outlet.start\"",
    ];

    static readonly string[] Suffixes = ["telemetry", "event", "status", "cmd/result", "result", "ack", "cmd", "", "telemetry/x"];

    readonly Random random;
    readonly (string Suffix, byte[] Payload)[] vectors;

    /// <summary>Creates a generator over <paramref name="vectors"/> (topic suffix and payload) with a fixed seed.</summary>
    public FuzzInputGenerator(IReadOnlyList<(string Suffix, byte[] Payload)> vectors, int seed)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            throw new ArgumentException("no golden vectors: expected tests/Fixtures/protocol/valid/*.json", nameof(vectors));
        }

        this.vectors = [.. vectors];
        random = new Random(seed);
    }

    /// <summary>Loads the valid golden vectors; the file name's first part names the topic (`telemetry.full.json` → `telemetry`, `cmd-result.*` → `cmd/result`).</summary>
    public static List<(string Suffix, byte[] Payload)> LoadGoldenVectors(string validFolder)
    {
        var list = new List<(string, byte[])>();
        foreach (var file in Directory.GetFiles(validFolder, "*.json").Order(StringComparer.Ordinal))
        {
            var kind = Path.GetFileName(file).Split('.')[0];
            var suffix = kind switch
            {
                "cmd-result" => "cmd/result",
                "will" => "status",
                _ => kind,
            };
            list.Add((suffix, File.ReadAllBytes(file)));
        }

        return list;
    }

    /// <summary>The next input.</summary>
    public FuzzInput Next()
    {
        var (suffix, golden) = vectors[random.Next(vectors.Length)];
        var payload = random.Next(10) switch
        {
            0 => golden,
            1 => Noise(),
            _ => Mutate(golden),
        };

        return new FuzzInput(Topic(suffix), payload);
    }

    string Topic(string suffix)
    {
        var station = "gz-gy-0001";
        return random.Next(20) switch
        {
            0 => "ss/v1/" + station + "/" + Suffixes[random.Next(Suffixes.Length)],
            1 => "ss/v1/" + RandomText(random.Next(0, 70)) + "/" + suffix,
            2 => RandomText(random.Next(0, 40)),
            3 => "ss/v2/" + station + "/" + suffix,
            4 => "ss/v1/+/" + suffix,
            _ => "ss/v1/" + station + "/" + suffix,
        };
    }

    byte[] Noise()
    {
        var bytes = new byte[random.Next(0, 1200)];
        random.NextBytes(bytes);
        return bytes;
    }

    byte[] Mutate(byte[] golden)
    {
        var bytes = new List<byte>(golden);
        var rounds = 1 + random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    void MutateOnce(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(9))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.Insert(at, (byte)random.Next(256));
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                break;
            case 5 when bytes.Count > 0:
                var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            case 6:
                var depth = random.Next(10, 40);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : 0)));
                break;
            case 7:
                ReplaceNumber(bytes);
                break;
            default:
                var other = vectors[random.Next(vectors.Length)].Payload;
                var from = random.Next(other.Length);
                bytes.InsertRange(at, new ArraySegment<byte>(other, from, Math.Min(other.Length - from, random.Next(80))));
                break;
        }
    }

    // Swaps one number for an extreme one, so range checks (not just syntax) get exercised.
    void ReplaceNumber(List<byte> bytes)
    {
        var start = bytes.FindIndex(random.Next(Math.Max(1, bytes.Count)), b => b is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
        {
            return;
        }

        var end = start;
        while (end < bytes.Count && (bytes[end] is >= (byte)'0' and <= (byte)'9' || bytes[end] is (byte)'.' or (byte)'e' or (byte)'-'))
        {
            end++;
        }

        string[] extremes = ["0", "-1", "2147483648", "9007199254740993", "1e308", "0.5", "-40.1", "4001", "100000000000000000000"];
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(extremes[random.Next(extremes.Length)]));
    }

    string RandomText(int length)
    {
        const string alphabet = "abcz09-_/+#$ .\u0000\u9a7f";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
