namespace Stations.Core.Tests.Protocol;

/// <summary>Finds the golden vectors in tests/Fixtures/protocol (copied next to the test assembly).</summary>
internal static class ProtocolVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "protocol");

    public static string ValidDirectory => Path.Combine(Root, "valid");

    public static string InvalidDirectory => Path.Combine(Root, "invalid");

    public static IEnumerable<object[]> Valid() => Names(ValidDirectory);

    public static IEnumerable<object[]> Invalid() => Names(InvalidDirectory);

    public static byte[] ReadValid(string name) => File.ReadAllBytes(Path.Combine(ValidDirectory, name));

    public static byte[] ReadInvalid(string name) => File.ReadAllBytes(Path.Combine(InvalidDirectory, name));

    public static string Reason(string invalidName) =>
        File.ReadAllText(Path.Combine(InvalidDirectory, Path.ChangeExtension(invalidName, ".reason")));

    /// <summary>Everything before the first '.' of the file name: the payload kind (README).</summary>
    public static string Kind(string name) => name[..name.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The size limit of the kind's topic (docs/protocol.md, "Topics").</summary>
    public static int SizeLimit(string kind) => kind switch
    {
        "status" or "will" => 512,
        "telemetry" or "event" or "cmd-result" => 1024,
        "cmd" => 8192,
        "ack" => 128,
        _ => throw new InvalidDataException("unknown vector kind '" + kind + "'; see tests/Fixtures/protocol/README.md"),
    };

    private static IEnumerable<object[]> Names(string directory) =>
        Directory.GetFiles(directory, "*.json")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });
}
