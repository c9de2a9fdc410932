namespace Stations.Gateway.Ingestion;

/// <summary>Settings under `Gateway:Ingestion`.</summary>
public sealed class IngestionOptions
{
    /// <summary>Messages waiting for the writer before publishers are made to wait (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 5000;

    /// <summary>Largest number of messages written in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// How long the writer waits for more messages after the first before committing. 0 (the default) commits what is
    /// there: messages that arrive during a commit form the next batch (group commit), so batches grow with the load by
    /// themselves, and a held PUBACK is not kept waiting for nothing (docs/performance.md, P1).
    /// </summary>
    public int BatchDelayMs { get; set; }

    /// <summary>Embedded broker: send the PUBACK only after the message is durable (the station's publish waits for the write).</summary>
    public bool HoldPubAckUntilDurable { get; set; } = true;

    /// <summary>Longest wait for one ack publish (and, with an external broker, one manual PUBACK) before it is given up; the station replays and is acked later.</summary>
    public int AckPublishTimeoutMs { get; set; } = 10_000;
}
