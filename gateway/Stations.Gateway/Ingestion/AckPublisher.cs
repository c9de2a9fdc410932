using System.Threading.Channels;
using Stations.Gateway.Broker;
using Stations.Gateway.Operations;
using Stations.Gateway.Protocol;

namespace Stations.Gateway.Ingestion;

/// <summary>
/// Publishes acks off the batch writer's path. Only the newest ack per (station, boot) is kept while one is waiting
/// (an ack covers every seq below it), and each publish has a time limit, so a slow link or a PUBACK that never comes
/// can delay acks but never ingestion. A failed ack is not retried: the data is durable, and the station's replay after
/// its ack timeout is stored as a duplicate and acked again.
/// </summary>
public sealed class AckPublisher(IStationLink link, GatewayMetrics metrics, ILogger logger, TimeSpan publishTimeout)
{
    readonly Lock gate = new();
    readonly Dictionary<(string Station, string Boot), StationAck> pending = [];
    readonly Channel<bool> wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Acks waiting to be published.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="ack"/> (replacing an older ack of the same boot) and returns at once.</summary>
    public void Post(StationAck ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        lock (gate)
        {
            var key = (ack.StationId, ack.Boot);
            if (!pending.TryGetValue(key, out var waiting) || waiting.Seq < ack.Seq)
            {
                pending[key] = ack;
            }
        }

        wakeUp.Writer.TryWrite(true);
    }

    /// <summary>Publishes queued acks until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await wakeUp.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                wakeUp.Reader.TryRead(out _);
                StationAck[] due;
                lock (gate)
                {
                    due = [.. pending.Values];
                    pending.Clear();
                }

                // All at once: one slow station (or a lost PUBACK) must not hold up the others.
                await Task.WhenAll(due.Select(ack => PublishAsync(ack, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: un-sent acks are re-sent after the stations replay.
        }
    }

    async Task PublishAsync(StationAck ack, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(publishTimeout);
        try
        {
            // WaitAsync as well as the token: a link that ignores cancellation still cannot hold this loop.
            await link.PublishAsync(StationTopic.AckTopic(ack.StationId), ack.ToJson(), timeout.Token).WaitAsync(publishTimeout, stoppingToken).ConfigureAwait(false);
            metrics.Acked();
            logger.LogDebug("Ack station {StationId} boot {Boot} seq {Seq}", ack.StationId, ack.Boot, ack.Seq);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            metrics.AckFailed();
            logger.LogWarning("Could not publish ack to station {StationId} boot {Boot} seq {Seq} within {TimeoutMs} ms ({Message}); the station replays and is acked then",
                ack.StationId, ack.Boot, ack.Seq, (long)publishTimeout.TotalMilliseconds, e.Message);
        }
    }
}
