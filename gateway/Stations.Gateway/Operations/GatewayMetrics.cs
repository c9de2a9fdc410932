using System.Diagnostics.Metrics;

namespace Stations.Gateway.Operations;

/// <summary>The gateway's OpenTelemetry instruments (meter `Stations.Gateway`), exported at `/metrics`.</summary>
public sealed class GatewayMetrics : IDisposable
{
    /// <summary>The meter name to register with OpenTelemetry.</summary>
    public const string MeterName = "Stations.Gateway";

    readonly Meter meter;
    readonly Counter<long> messagesIn;
    readonly Counter<long> stored;
    readonly Counter<long> duplicates;
    readonly Counter<long> acked;
    readonly Counter<long> ackFailures;
    readonly Counter<long> deadLettered;
    readonly Counter<long> refusals;
    readonly Histogram<double> batchLatency;
    long connections;

    /// <summary>Creates the instruments.</summary>
    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(MeterName);
        messagesIn = meter.CreateCounter<long>("stations_messages_in", description: "Messages received from stations");
        stored = meter.CreateCounter<long>("stations_messages_stored", description: "Messages stored for the first time");
        duplicates = meter.CreateCounter<long>("stations_messages_duplicate", description: "Replayed messages already stored");
        acked = meter.CreateCounter<long>("stations_acks_sent", description: "Acks published to stations");
        ackFailures = meter.CreateCounter<long>("stations_acks_failed", description: "Ack publishes that failed or timed out (the station replays and is acked later)");
        deadLettered = meter.CreateCounter<long>("stations_messages_dead_lettered", description: "Messages refused by validation");
        refusals = meter.CreateCounter<long>("stations_refusals", description: "Connections, publishes and subscriptions refused by auth/ACL");
        batchLatency = meter.CreateHistogram<double>("stations_batch_latency", unit: "ms", description: "Time to write one batch durably");
        meter.CreateObservableGauge("stations_connections", () => Interlocked.Read(ref connections), description: "Stations connected to the embedded broker");
    }

    /// <summary>Counts a received message.</summary>
    public void MessageIn(string kind) => messagesIn.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts stored and duplicate messages of a batch.</summary>
    public void Stored(int count, int duplicateCount)
    {
        stored.Add(count);
        duplicates.Add(duplicateCount);
    }

    /// <summary>Counts a published ack.</summary>
    public void Acked() => acked.Add(1);

    /// <summary>Counts an ack publish that failed or timed out.</summary>
    public void AckFailed() => ackFailures.Add(1);

    /// <summary>Counts a dead letter by reason kind (text before the colon).</summary>
    public void DeadLettered(string reason) => deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason.Split(':')[0]));

    /// <summary>Counts a refusal (`connect`, `publish`, `subscribe`) with its reason.</summary>
    public void Refused(string what, string reason) => refusals.Add(1, new KeyValuePair<string, object?>("what", what), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records how long a batch took.</summary>
    public void BatchWritten(double milliseconds) => batchLatency.Record(milliseconds);

    /// <summary>A station connected.</summary>
    public void Connected() => Interlocked.Increment(ref connections);

    /// <summary>A station disconnected.</summary>
    public void Disconnected() => Interlocked.Decrement(ref connections);

    /// <summary>Current connection count.</summary>
    public long Connections => Interlocked.Read(ref connections);

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
