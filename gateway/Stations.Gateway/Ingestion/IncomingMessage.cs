namespace Stations.Gateway.Ingestion;

/// <summary>
/// One publish received from a station, waiting for the batch writer. <see cref="Durable"/> completes once the
/// message (or its dead letter) is committed, so the embedded broker can hold the PUBACK and the external-broker
/// client can acknowledge manually.
/// </summary>
public sealed class IncomingMessage(string topic, byte[] payload, long receivedAtMs)
{
    readonly TaskCompletionSource durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The MQTT topic as published.</summary>
    public string Topic { get; } = topic;

    /// <summary>The payload bytes as received (kept raw for dead letters).</summary>
    public byte[] Payload { get; } = payload;

    /// <summary>Gateway receive time, UTC Unix ms.</summary>
    public long ReceivedAtMs { get; } = receivedAtMs;

    /// <summary>Completes when the message is durably stored (or dead-lettered).</summary>
    public Task Durable => durable.Task;

    /// <summary>Marks the message durable.</summary>
    public void MarkDurable() => durable.TrySetResult();

    /// <summary>Marks the message abandoned (gateway stopping before it was written).</summary>
    public void Abandon() => durable.TrySetCanceled();
}
