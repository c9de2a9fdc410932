namespace Stations.Bench.Fuzz;

/// <summary>One fuzzed message: the topic it arrives on and its payload bytes.</summary>
public sealed record FuzzInput(string Topic, byte[] Payload);
