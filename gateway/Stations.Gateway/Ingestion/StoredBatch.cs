using Stations.Gateway.Protocol;

namespace Stations.Gateway.Ingestion;

/// <summary>What one committed batch did: acks to publish and counts for metrics and logs.</summary>
public sealed record StoredBatch(IReadOnlyList<StationAck> Acks, int Stored, int Duplicates, IReadOnlyList<(ValidationResult Result, string Topic)> DeadLetters);
