namespace Stations.Bench.Ingest;

/// <summary>One half of the ingest run: completed messages per second inside the measuring window and their latency.</summary>
public sealed record IngestResult(string Name, double RatePerSecond, double P50Ms, double P99Ms, long Completed, long Sent, long WorkingSetBytes, long? StoredRows);
