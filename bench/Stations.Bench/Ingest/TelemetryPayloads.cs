using System.Text.Json.Nodes;

namespace Stations.Bench.Ingest;

/// <summary>Valid telemetry built from the golden vector tests/Fixtures/protocol/valid/telemetry.full.json with a new seq and ts.</summary>
public sealed class TelemetryPayloads
{
    readonly JsonObject template;

    /// <summary>Loads the golden vector from the repository.</summary>
    public TelemetryPayloads()
    {
        var path = Path.Combine(RepositoryPaths.ValidVectors(), "telemetry.full.json");
        template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>The boot id every bench station uses.</summary>
    public string Boot => template["boot"]!.GetValue<string>();

    /// <summary>The payload for <paramref name="seq"/> at wall time <paramref name="utcMs"/>.</summary>
    public byte[] For(long seq, long utcMs)
    {
        var node = template.DeepClone().AsObject();
        node["seq"] = seq;
        node["up"] = 60_000 + seq;
        node["ts"] = utcMs;
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
