namespace Stations.Gateway.Tests.Support;

/// <summary>The golden vectors in tests/Fixtures/protocol (found by walking up from the test binaries).</summary>
public static class ProtocolVectors
{
    static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Fixtures", "protocol");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Fixtures/protocol not found above " + AppContext.BaseDirectory);
    });

    /// <summary>Kinds a station publishes (the gateway validates these).</summary>
    public static readonly string[] StationKinds = ["status", "will", "telemetry", "event", "cmd-result"];

    /// <summary>The topic suffix for a vector kind.</summary>
    public static string TopicSuffix(string kind) => kind switch
    {
        "status" or "will" => "status",
        "cmd-result" => "cmd/result",
        _ => kind,
    };

    /// <summary>Kind of a vector file name: everything before the first dot.</summary>
    public static string KindOf(string fileName) => fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>Valid station → gateway vectors: (name, kind, bytes).</summary>
    public static IReadOnlyList<(string Name, string Kind, byte[] Payload)> Valid() =>
        Directory.GetFiles(Path.Combine(Root.Value, "valid"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), KindOf(Path.GetFileName(f)), File.ReadAllBytes(f)))
            .Where(v => StationKinds.Contains(v.Item2)).ToList();

    /// <summary>Invalid station → gateway vectors: (name, kind, bytes, expected reason).</summary>
    public static IReadOnlyList<(string Name, string Kind, byte[] Payload, string Reason)> Invalid() =>
        Directory.GetFiles(Path.Combine(Root.Value, "invalid"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), KindOf(Path.GetFileName(f)), File.ReadAllBytes(f), File.ReadAllText(Path.ChangeExtension(f, ".reason"))))
            .Where(v => StationKinds.Contains(v.Item2)).ToList();
}
