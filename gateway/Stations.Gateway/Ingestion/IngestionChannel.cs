using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Stations.Gateway.Ingestion;

/// <summary>The bounded queue between the broker and the batch writer: when storage is slow, publishers wait instead of memory growing.</summary>
public sealed class IngestionChannel(IOptions<IngestionOptions> options)
{
    readonly Channel<IncomingMessage> channel = Channel.CreateBounded<IncomingMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Messages waiting now.</summary>
    public int Count => channel.Reader.Count;

    /// <summary>Queues a message, waiting while the queue is full.</summary>
    public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken) => channel.Writer.WriteAsync(message, cancellationToken);

    /// <summary>Queues a message if there is room now; false when the queue is full.</summary>
    public bool TryEnqueue(IncomingMessage message) => channel.Writer.TryWrite(message);

    /// <summary>The writer's side.</summary>
    internal ChannelReader<IncomingMessage> Reader => channel.Reader;
}
