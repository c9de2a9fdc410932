using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Stations.Gateway.Broker;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Operations;

namespace Stations.Gateway.Tests.Ingestion;

[TestClass]
public sealed class AckPublisherTests
{
    static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task OnlyTheNewestAckPerBootIsPublished()
    {
        var link = new RecordingLink();
        using var metrics = new GatewayMetrics(new TestMeterFactory());
        var publisher = new AckPublisher(link, metrics, NullLogger.Instance, Generous);
        publisher.Post(new StationAck("st-0001", "0000000a", 5));
        publisher.Post(new StationAck("st-0001", "0000000a", 9));
        publisher.Post(new StationAck("st-0001", "0000000a", 7));
        publisher.Post(new StationAck("st-0002", "0000000b", 3));
        Assert.AreEqual(2, publisher.Pending, "one waiting ack per (station, boot)");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var running = publisher.RunAsync(stop.Token);
        await link.WaitForAsync(2);
        await stop.CancelAsync();
        await running.WaitAsync(Generous);

        CollectionAssert.AreEquivalent(
            new[] { "ss/v1/st-0001/ack {\"boot\":\"0000000a\",\"seq\":9}", "ss/v1/st-0002/ack {\"boot\":\"0000000b\",\"seq\":3}" },
            link.Published.ToArray());
    }

    [TestMethod]
    public async Task APublishWhosePubAckNeverComesIsGivenUpAndLaterAcksStillGoOut()
    {
        var link = new RecordingLink { HangOn = "st-0001" };
        using var metrics = new GatewayMetrics(new TestMeterFactory());
        var publisher = new AckPublisher(link, metrics, NullLogger.Instance, TimeSpan.FromMilliseconds(100));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var running = publisher.RunAsync(stop.Token);

        publisher.Post(new StationAck("st-0001", "0000000a", 1)); // its PUBACK never comes (and the link ignores the token)
        await link.AttemptedAsync("st-0001").WaitAsync(Generous);
        publisher.Post(new StationAck("st-0002", "0000000b", 4));
        await link.WaitForAsync(1);

        Assert.AreEqual("ss/v1/st-0002/ack {\"boot\":\"0000000b\",\"seq\":4}", link.Published.Single());
        await stop.CancelAsync();
        await running.WaitAsync(Generous);
    }

    [TestMethod]
    public void TheReceiveMaximumMatchesTheIngestionQueueWithinMqttLimits()
    {
        Assert.AreEqual((ushort)2, ExternalBrokerClient.ReceiveMaximum(2));
        Assert.AreEqual((ushort)5000, ExternalBrokerClient.ReceiveMaximum(5000));
        Assert.AreEqual(ushort.MaxValue, ExternalBrokerClient.ReceiveMaximum(1_000_000));
        Assert.AreEqual((ushort)1, ExternalBrokerClient.ReceiveMaximum(0));
    }

    /// <summary>Records publishes; publishes to <see cref="HangOn"/> never complete, whatever the token says.</summary>
    sealed class RecordingLink : IStationLink
    {
        readonly ConcurrentDictionary<string, TaskCompletionSource> attempts = new();
        readonly System.Threading.Channels.Channel<bool> published = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public string? HangOn { get; init; }

        public ConcurrentQueue<string> Published { get; } = new();

        public bool IsConnected => true;

        public Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
        {
            attempts.GetOrAdd(topic.Split('/')[2], _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (HangOn != null && topic.Contains(HangOn, StringComparison.Ordinal))
            {
                return new TaskCompletionSource().Task;
            }

            Published.Enqueue(topic + " " + payload);
            published.Writer.TryWrite(true);
            return Task.CompletedTask;
        }

        public Task AttemptedAsync(string station) => attempts.GetOrAdd(station, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await published.Reader.ReadAsync().AsTask().WaitAsync(Generous);
            }
        }
    }

    sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
