using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Stations.Gateway.Tests.Support;

/// <summary>
/// A minimal station for end-to-end tests: connects as itself, keeps an outbox of what it sent until an ack covers it,
/// replays the outbox on demand, records acks and commands.
/// </summary>
public sealed class TestStation : IAsyncDisposable
{
    readonly IMqttClient client;
    readonly ConcurrentDictionary<string, long> acks = new();
    readonly ConcurrentQueue<JsonObject> commands = new();
    readonly SortedDictionary<long, (string Suffix, byte[] Payload)> outbox = [];
    readonly SemaphoreSlim changed = new(0);

    TestStation(string stationId, IMqttClient client)
    {
        StationId = stationId;
        this.client = client;
    }

    /// <summary>Station id.</summary>
    public string StationId { get; }

    /// <summary>The boot id used by <see cref="SendAsync"/>; setting it starts seq at 1 again (a new boot).</summary>
    public string Boot
    {
        get => boot;
        set
        {
            boot = value;
            NextSeq = 1;
        }
    }

    string boot = "9f3a1c07";

    /// <summary>Next seq for <see cref="SendAsync"/>.</summary>
    public long NextSeq { get; set; } = 1;

    /// <summary>Commands received.</summary>
    public IReadOnlyCollection<JsonObject> Commands => commands;

    /// <summary>Connects (MQTT 5) and subscribes to its `ack` and `cmd`; throws when the broker refuses.</summary>
    public static async Task<TestStation> ConnectAsync(string stationId, int port, string password = "secret-password", bool subscribe = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var station = new TestStation(stationId, client);
        client.ApplicationMessageReceivedAsync += station.OnMessage;
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(stationId)
            .WithCredentials(stationId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithWillTopic($"ss/v1/{stationId}/status")
            .WithWillPayload("""{"v":1,"boot":"9f3a1c07","state":"offline"}""")
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            var connected = await client.ConnectAsync(options);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new StationRefusedException(connected.ResultCode);
            }

            if (subscribe)
            {
                await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter($"ss/v1/{stationId}/ack", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"ss/v1/{stationId}/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return station;
    }

    /// <summary>Publishes raw bytes on `ss/v1/{station}/{suffix}` (QoS 1).</summary>
    public Task<MqttClientPublishResult> PublishRawAsync(string suffix, byte[] payload, string? topic = null, bool retain = false) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic ?? $"ss/v1/{StationId}/{suffix}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    /// <summary>Subscribes to any filter (to test the ACL).</summary>
    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter) =>
        (await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build())).Items.Single().ResultCode;

    /// <summary>Sets boot and the next seq in a JSON payload (a `"ts":0` placeholder without <paramref name="tsMs"/> means unsynced), keeps it in the outbox and publishes it.</summary>
    public async Task<long> SendAsync(string suffix, string json, long? tsMs = null, bool omitTs = false)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var seq = NextSeq++;
        node["boot"] = Boot;
        node["seq"] = seq;
        if (tsMs != null)
        {
            node["ts"] = tsMs;
        }

        if (omitTs || (tsMs == null && node["ts"]?.GetValue<long>() == 0))
        {
            node.Remove("ts");
        }

        var payload = Encoding.UTF8.GetBytes(node.ToJsonString());
        lock (outbox)
        {
            outbox[seq] = (suffix, payload);
        }

        await PublishRawAsync(suffix, payload);
        return seq;
    }

    /// <summary>Publishes everything still in the outbox again, oldest first (what a station does after reconnecting).</summary>
    public async Task ReplayAsync()
    {
        List<(string, byte[])> pending;
        lock (outbox)
        {
            pending = outbox.Values.ToList();
        }

        foreach (var (suffix, payload) in pending)
        {
            await PublishRawAsync(suffix, payload);
        }
    }

    /// <summary>Publishes this station's outbox through another connection (the same station after reconnecting).</summary>
    public async Task ReplayToAsync(TestStation reconnected)
    {
        ArgumentNullException.ThrowIfNull(reconnected);
        List<(string, byte[])> pending;
        lock (outbox)
        {
            pending = outbox.Values.ToList();
        }

        foreach (var (suffix, payload) in pending)
        {
            await reconnected.PublishRawAsync(suffix, payload);
        }
    }

    /// <summary>Messages not yet covered by an ack.</summary>
    public int OutboxCount
    {
        get
        {
            lock (outbox)
            {
                return outbox.Count;
            }
        }
    }

    /// <summary>The highest ack received for a boot (0 if none).</summary>
    public long AckFor(string boot) => acks.TryGetValue(boot, out var seq) ? seq : 0;

    /// <summary>Waits until the ack for <paramref name="boot"/> reaches <paramref name="seq"/>.</summary>
    public Task WaitForAckAsync(string boot, long seq, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => AckFor(boot) >= seq, timeout, $"ack {boot}/{seq} (have {AckFor(boot)})");

    /// <summary>Waits until <paramref name="condition"/> holds, woken by each received message.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string what = "condition")
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
        }
    }

    /// <summary>Disconnects cleanly (no will), or drops the connection without DISCONNECT so the broker publishes the will.</summary>
    public async Task DisconnectAsync(bool sendWill = false)
    {
        if (sendWill)
        {
            client.Dispose();
            return;
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
    }

    Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        var json = JsonNode.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()))!.AsObject();
        if (e.ApplicationMessage.Topic.EndsWith("/ack", StringComparison.Ordinal))
        {
            var boot = json["boot"]!.GetValue<string>();
            var seq = json["seq"]!.GetValue<long>();
            acks.AddOrUpdate(boot, seq, (_, old) => Math.Max(old, seq));
            if (boot == Boot)
            {
                lock (outbox)
                {
                    foreach (var covered in outbox.Keys.Where(k => k <= seq).ToList())
                    {
                        outbox.Remove(covered);
                    }
                }
            }
        }
        else
        {
            commands.Enqueue(json);
        }

        changed.Release();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException)
        {
        }

        client.Dispose();
        changed.Dispose();
    }
}
