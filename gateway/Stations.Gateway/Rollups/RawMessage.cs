namespace Stations.Gateway.Rollups;

/// <summary>A stored message as the rollup calculator reads it.</summary>
public sealed record RawMessage(string Kind, string? EventType, long TsMs, string Payload);
