using System.Diagnostics;
using Microsoft.Extensions.Options;
using Stations.Gateway.Broker;
using Stations.Gateway.Operations;
using Stations.Gateway.Protocol;
using Stations.Gateway.Stations;

namespace Stations.Gateway.Ingestion;

/// <summary>
/// Drains the ingestion queue in batches: validate, write durably in one transaction, then release the held PUBACKs
/// and hand the acks to the <see cref="AckPublisher"/> (the writer never waits on the network). A failed write is
/// retried (never dropped); a bad message is dead-lettered, never fatal.
/// </summary>
public sealed class BatchWriter(
    IngestionChannel queue,
    IngestionStore store,
    IStationLink link,
    StationRegistry registry,
    GatewayMetrics metrics,
    IOptions<IngestionOptions> options,
    ILogger<BatchWriter> logger) : BackgroundService
{
    /// <summary>Batches committed so far (for readiness and tests).</summary>
    public long BatchesWritten => Interlocked.Read(ref batchesWritten);

    long batchesWritten;

    /// <summary>
    /// Why writes are failing now (how many attempts of the batch in hand failed, and the last error), or null while
    /// they succeed: readiness reports it, since a store can answer reads while every write fails (a full disk).
    /// </summary>
    public string? Failing => Volatile.Read(ref failing);

    string? failing;

    AckPublisher? acks;

    /// <summary>The ack publisher this writer hands its acks to.</summary>
    internal AckPublisher Acks => acks ??= new(link, metrics, logger, TimeSpan.FromMilliseconds(options.Value.AckPublishTimeoutMs));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = Acks.RunAsync(stoppingToken);
        try
        {
            await DrainAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await publishing.ConfigureAwait(false);
        }
    }

    async Task DrainAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<IncomingMessage>(options.Value.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (options.Value.BatchDelayMs > 0 && reader.Count < options.Value.MaxBatchSize)
                {
                    await Task.Delay(options.Value.BatchDelayMs, stoppingToken).ConfigureAwait(false);
                }

                while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not committed was not acked and will be replayed by the stations.
            foreach (var item in batch)
            {
                item.Abandon();
            }

            while (reader.TryRead(out var item))
            {
                item.Abandon();
            }
        }
    }

    async Task WriteWithRetryAsync(List<IncomingMessage> batch, CancellationToken stoppingToken)
    {
        List<(IncomingMessage, ValidationResult)>? validated = null;
        var delay = TimeSpan.FromMilliseconds(100);
        var attempts = 0;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            StoredBatch written;
            try
            {
                // Inside the retry: validation looks stations up in the store, which may be the thing that is down.
                validated ??= await ValidateAsync(batch, stoppingToken).ConfigureAwait(false);
                written = await store.WriteAsync(validated, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything but stopping is retried (a cancellation from a dropped connection too): the writer must not end.
                logger.LogError(e, "Writing a batch of {Count} messages failed; retrying in {Delay}", batch.Count, delay);
                attempts++;
                Volatile.Write(ref failing, $"writes failing ({attempts} attempts of a batch of {batch.Count}): {e.Message}");
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                continue;
            }

            Volatile.Write(ref failing, null);
            metrics.BatchWritten(watch.Elapsed.TotalMilliseconds);
            metrics.Stored(written.Stored, written.Duplicates);
            Interlocked.Increment(ref batchesWritten);
            foreach (var (result, topic) in written.DeadLetters)
            {
                metrics.DeadLettered(result.Reason!);
                logger.LogWarning("Dead-lettered message from station {StationId} on {Topic}: {Reason} (boot {Boot}, seq {Seq})", result.StationId, topic, result.Reason, result.Boot, result.Seq);
            }

            foreach (var item in batch)
            {
                item.MarkDurable();
            }

            foreach (var ack in written.Acks)
            {
                Acks.Post(ack);
            }

            return;
        }
    }

    /// <summary>Validates the batch's messages; an unknown station's messages become dead letters.</summary>
    async Task<List<(IncomingMessage, ValidationResult)>> ValidateAsync(List<IncomingMessage> batch, CancellationToken stoppingToken)
    {
        var validated = new List<(IncomingMessage, ValidationResult)>(batch.Count);
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            var result = MessageValidator.Validate(item.Topic, item.Payload);
            if (result.StationId != null && !known.TryGetValue(result.StationId, out var isKnown))
            {
                // One registry lookup per station per batch, not per message.
                isKnown = await registry.FindAsync(result.StationId, stoppingToken).ConfigureAwait(false) != null;
                known[result.StationId] = isKnown;
            }

            if (result.StationId != null && !known[result.StationId])
            {
                // Only possible with an external broker whose user list is ahead of the gateway's registry.
                result = ValidationResult.Invalid("unknown-station", result.StationId);
            }

            validated.Add((item, result));
        }

        foreach (var (_, result) in validated)
        {
            metrics.MessageIn(result.Message?.Kind.ToString() ?? "invalid");
        }

        return validated;
    }
}
