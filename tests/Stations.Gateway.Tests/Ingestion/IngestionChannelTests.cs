using Microsoft.Extensions.Options;
using Stations.Gateway.Ingestion;

namespace Stations.Gateway.Tests.Ingestion;

[TestClass]
public sealed class IngestionChannelTests
{
    [TestMethod]
    public async Task AFullQueueMakesPublishersWaitInsteadOfGrowing()
    {
        var channel = new IngestionChannel(Options.Create(new IngestionOptions { QueueCapacity = 2 }));
        await channel.EnqueueAsync(new IncomingMessage("t", [], 0), CancellationToken.None);
        await channel.EnqueueAsync(new IncomingMessage("t", [], 0), CancellationToken.None);
        var third = channel.EnqueueAsync(new IncomingMessage("t", [], 0), CancellationToken.None).AsTask();
        Assert.IsFalse(third.IsCompleted, "the third publisher waits");
        Assert.AreEqual(2, channel.Count);
        Assert.IsTrue(channel.Reader.TryRead(out _));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.AreEqual(2, channel.Count);
    }
}
