using System.Text.Json;

namespace Stations.Gateway.Protocol;

/// <summary>A station message that passed validation, with its envelope parsed and its JSON kept for derivation.</summary>
public sealed record ValidatedMessage(
    string StationId,
    StationMessageKind Kind,
    string Boot,
    long Seq,
    long UpMs,
    long? TsMs,
    string? EventType,
    string PayloadText,
    JsonElement Root)
{
    /// <summary>Status messages: `online` or `offline`.</summary>
    public string? State => Kind == StationMessageKind.Status && Root.TryGetProperty("state", out var s) ? s.GetString() : null;
}
