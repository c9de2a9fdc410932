using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Stations.Core.Link;

namespace Stations.Simulator.Link;

/// <summary>
/// The station's MQTT client over MQTTnet, shaped like the device's: Core calls it from the fleet's single scheduler
/// thread and polls received messages; MQTTnet's own tasks only fill the bounded receive queue and count PUBACKs.
/// Connect never blocks longer than <see cref="BrokerEndpoint.ConnectWait"/>: a slower answer is picked up by the
/// next call. A simulated Wi-Fi drop kills the socket without DISCONNECT, so the broker publishes the will.
/// </summary>
public sealed class MqttStationLink : IMessageLink, IDisposable
{
    private const int ReceiveQueueLimit = 64;
    private const int InFlightLimit = 256;
    private static readonly MqttClientFactory Factory = new();
    private readonly BrokerEndpoint _broker;
    private readonly StationCounters _counters;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private IMqttClient? _client;
    private Task<bool>? _connecting;
    private int _inFlight;
    private bool _networkDown;

    /// <summary>Creates a link for one station.</summary>
    public MqttStationLink(BrokerEndpoint broker, StationCounters counters)
    {
        _broker = broker;
        _counters = counters;
    }

    /// <summary>Publishes handed to MQTTnet and not yet confirmed by the broker.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True while a connect attempt is under way.</summary>
    public bool Connecting => _connecting is { IsCompleted: false };

    /// <summary>Messages dropped because the receive queue was full.</summary>
    public long ReceiveDropped { get; private set; }

    /// <summary>Fault: Wi-Fi is down. Setting it kills the session uncleanly; connects fail until it is cleared.</summary>
    public bool NetworkDown
    {
        get => _networkDown;
        set
        {
            _networkDown = value;
            if (value) Abort();
        }
    }

    /// <inheritdoc />
    public bool IsConnected => !_networkDown && _client is { IsConnected: true };

    /// <inheritdoc />
    public bool Connect(string clientId, string username, string password, string willTopic, byte[] willPayload, bool cleanSession)
    {
        if (_networkDown) return false;
        if (_connecting == null)
        {
            if (_client is { IsConnected: true }) return true;
            Abort();
            var client = Factory.CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                var m = e.ApplicationMessage;
                byte[] payload = m.Payload.ToArray();
                _counters.Received(TopicKind(m.Topic), payload);
                if (_received.Count >= ReceiveQueueLimit) ReceiveDropped++;
                else _received.Enqueue(new ReceivedMessage(m.Topic, payload, m.Retain));
                return Task.CompletedTask;
            };
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(_broker.Host, _broker.Port)
                .WithClientId(clientId)
                .WithCredentials(username, password)
                .WithCleanSession(cleanSession)
                .WithKeepAlivePeriod(_broker.KeepAlive)
                .WithTimeout(TimeSpan.FromSeconds(10))
                .WithWillTopic(willTopic)
                .WithWillPayload(willPayload)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(true)
                .Build();
            _client = client;
            _connecting = ConnectAsync(client, options);
        }
        if (!_connecting.IsCompleted && _broker.ConnectWait > TimeSpan.Zero) _connecting.Wait(_broker.ConnectWait);
        if (!_connecting.IsCompleted) return false; // "not yet": the handshake goes on and the next call picks it up
        bool ok = _connecting.Result;
        _connecting = null;
        if (ok) _counters.Connected();
        return ok && IsConnected;
    }

    private static async Task<bool> ConnectAsync(IMqttClient client, MqttClientOptions options)
    {
        try
        {
            var result = await client.ConnectAsync(options).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException
            or MQTTnet.Adapter.MqttConnectingFailedException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        var client = _client;
        if (!IsConnected || client == null || InFlight >= InFlightLimit) return false;
        byte[] copy = payload.AsSpan(offset, count).ToArray();
        _counters.Sent(TopicKind(topic), copy);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(copy)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2))
            .WithRetainFlag(retain)
            .Build();
        Interlocked.Increment(ref _inFlight);
        _ = PublishAsync(client, message);
        return true;
    }

    private async Task PublishAsync(IMqttClient client, MqttApplicationMessage message)
    {
        bool ok = false;
        try
        {
            var result = await client.PublishAsync(message).ConfigureAwait(false);
            ok = result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            ok = false;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
        _counters.PublishCompleted(ok);
    }

    /// <inheritdoc />
    public bool Subscribe(string topic, int qos)
    {
        var client = _client;
        if (!IsConnected || client == null) return false;
        // Not awaited: the broker handles SUBSCRIBE before the PUBLISHes that follow on the same connection, and
        // waiting for each SUBACK would serialise a reconnect storm on the scheduler thread.
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2)).Build();
        _ = SubscribeAsync(client, options);
        return true;
    }

    private async Task SubscribeAsync(IMqttClient client, MqttClientSubscribeOptions options)
    {
        try
        {
            var result = await client.SubscribeAsync(options).ConfigureAwait(false);
            if (result.Items.Any(i => (int)i.ResultCode > 2)) SubscribeFailures++;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            SubscribeFailures++;
        }
    }

    /// <summary>Subscriptions the broker refused or that failed on the wire.</summary>
    public long SubscribeFailures { get; private set; }

    /// <inheritdoc />
    public ReceivedMessage TakeReceived() => _received.TryDequeue(out var m) ? m : null!;

    /// <inheritdoc />
    public void Disconnect()
    {
        // Core disconnects after a Connect that said "not yet"; a handshake still under way is kept for the next
        // Connect instead of being restarted (and never finishing) at every attempt.
        if (_connecting is { IsCompleted: false }) return;
        var client = _client;
        _connecting = null;
        if (client == null) return;
        _client = null;
        // Not awaited: waiting here for a busy broker's answer would stall every station on the scheduler thread (a
        // 2 s wait per station froze 5,000-station runs). DISCONNECT still follows whatever was queued before it.
        if (client.IsConnected) _ = DisconnectAndDisposeAsync(client);
        else client.Dispose();
    }

    private static async Task DisconnectAndDisposeAsync(IMqttClient client)
    {
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions()).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException or TimeoutException)
        {
            // Already gone: nothing more to close.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Power loss or Wi-Fi loss: the socket dies without DISCONNECT, queued messages are lost.</summary>
    public void Abort()
    {
        var client = _client;
        _client = null;
        _connecting = null;
        client?.Dispose();
        _received.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => Abort();

    /// <summary>`telemetry`, `event`, `cmd/result`, `status`, `cmd` or `ack` from `ss/v1/{station}/…`.</summary>
    public static string TopicKind(string topic)
    {
        int first = topic.IndexOf('/', 6); // after "ss/v1/"
        return first < 0 ? topic : topic[(first + 1)..];
    }
}
