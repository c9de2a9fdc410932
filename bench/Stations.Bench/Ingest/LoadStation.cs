using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Stations.Bench.Ingest;

/// <summary>
/// One simulated station publishing telemetry at QoS 1 as fast as it is acknowledged, with at most a window of
/// messages in flight. Against the gateway a message completes when the gateway's `ack` covers its seq (stored
/// durably); against the raw broker when its PUBACK arrives.
/// </summary>
public sealed class LoadStation : IAsyncDisposable
{
    readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    readonly string stationId;
    readonly bool waitForGatewayAck;
    readonly int window;
    readonly SemaphoreSlim slots;
    readonly long[] sentAt;
    readonly LatencyRecorder recorder;
    readonly TelemetryPayloads payloads;
    long lastCompleted;
    long nextSeq = 1;
    int inFlight;

    /// <summary>Creates a station; <paramref name="waitForGatewayAck"/> selects what completes a message.</summary>
    public LoadStation(string stationId, bool waitForGatewayAck, int window, LatencyRecorder recorder, TelemetryPayloads payloads)
    {
        this.stationId = stationId;
        this.waitForGatewayAck = waitForGatewayAck;
        this.window = window;
        this.recorder = recorder;
        this.payloads = payloads;
        slots = new SemaphoreSlim(window, window);
        sentAt = new long[window];
        client.ApplicationMessageReceivedAsync += OnAck;
    }

    /// <summary>Messages sent.</summary>
    public long Sent => nextSeq - 1;

    /// <summary>Connects as the station (MQTT 5, its own credentials) and subscribes to its `ack`.</summary>
    public async Task ConnectAsync(int port, string password, CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(stationId)
            .WithCredentials(stationId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        var connected = await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{stationId}: the broker refused the connection ({connected.ResultCode})");
        }

        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"ss/v1/{stationId}/ack", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes until <paramref name="stop"/> is cancelled, then waits (bounded) for what is still in flight.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var topic = $"ss/v1/{stationId}/telemetry";
        try
        {
            while (true)
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
                var seq = nextSeq++;
                var payload = payloads.For(seq, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                Volatile.Write(ref sentAt[seq % window], Stopwatch.GetTimestamp());
                Interlocked.Increment(ref inFlight);
                var publish = client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(), CancellationToken.None);
                _ = publish.ContinueWith(t => OnPubAck(t, seq), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }

        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref inFlight) > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10) && client.IsConnected)
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }

    void OnPubAck(Task<MqttClientPublishResult> publish, long seq)
    {
        if (waitForGatewayAck)
        {
            return;
        }

        if (publish.IsCompletedSuccessfully && publish.Result.IsSuccess)
        {
            recorder.Record(Volatile.Read(ref sentAt[seq % window]), Stopwatch.GetTimestamp());
        }

        Complete();
    }

    Task OnAck(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!waitForGatewayAck)
        {
            return Task.CompletedTask;
        }

        var now = Stopwatch.GetTimestamp();
        using var ack = JsonDocument.Parse(e.ApplicationMessage.Payload);
        var seq = ack.RootElement.GetProperty("seq").GetInt64();
        lock (slots)
        {
            for (var s = lastCompleted + 1; s <= seq && s < nextSeq; s++)
            {
                recorder.Record(Volatile.Read(ref sentAt[s % window]), now);
                Complete();
                lastCompleted = s;
            }
        }

        return Task.CompletedTask;
    }

    void Complete()
    {
        Interlocked.Decrement(ref inFlight);
        slots.Release();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        client.Dispose();
        slots.Dispose();
    }
}
