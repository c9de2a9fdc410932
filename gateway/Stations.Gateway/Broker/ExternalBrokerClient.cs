using System.Diagnostics;
using System.Buffers;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Stations.Gateway.Ingestion;

namespace Stations.Gateway.Broker;

/// <summary>
/// A client of an external broker (Mosquitto, EMQX) using MQTT 5 shared subscriptions (`$share/{group}/ss/v1/+/...`)
/// so several gateway instances share the stream. Each message is acknowledged to the broker only after it is durable
/// (manual acknowledgement), so a gateway crash makes the broker redeliver it. The client announces a Receive Maximum
/// no larger than the ingestion queue, so the broker never has more unacknowledged messages out to this gateway than
/// the queue holds, and the message handler hands each message over without waiting. A PUBACK goes out only on the
/// connection that brought the message: packet ids are per connection, so after a reconnect (a broker restart, a lost
/// TCP connection) a late PUBACK would name whatever the broker now sends under that id.
/// </summary>
public sealed class ExternalBrokerClient(
    IOptions<BrokerOptions> brokerOptions,
    IOptions<IngestionOptions> ingestionOptions,
    IngestionChannel queue,
    TimeProvider time,
    ILogger<ExternalBrokerClient> logger) : BackgroundService, IStationLink
{
    static readonly string[] Suffixes = ["status", "telemetry", "event", "cmd/result"];
    IMqttClient? client;

    /// <summary>Counts connect attempts: the number of the connection a message arrives on (see AcknowledgeWhenDurableAsync).</summary>
    long connection;

    /// <inheritdoc />
    public bool IsConnected => client?.IsConnected == true;

    /// <inheritdoc />
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(false)
            .Build();
        var current = client ?? throw new InvalidOperationException("Not connected to the external broker.");
        var result = await current.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            throw new InvalidOperationException($"The broker refused the publish on {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = brokerOptions.Value;
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        using var disconnected = new SemaphoreSlim(0);
        client = mqtt;
        mqtt.ApplicationMessageReceivedAsync += OnMessageAsync;
        mqtt.DisconnectedAsync += _ =>
        {
            // Wakes the loop below to reconnect at once (a stale signal from a failed attempt only makes it look again).
            disconnected.Release();
            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.ExternalPort)
            .WithClientId(options.ClientId)
            .WithCredentials(options.Username, options.Password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithReceiveMaximum(ReceiveMaximum(ingestionOptions.Value.QueueCapacity));
        if (options.UseTls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        var clientOptions = builder.Build();
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!mqtt.IsConnected)
                {
                    // Before the CONNECT: a resumed session may redeliver its in-flight messages as soon as it is accepted.
                    Interlocked.Increment(ref connection);
                    var connected = await mqtt.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var suffix in Suffixes)
                    {
                        subscribe = subscribe.WithTopicFilter(f => f.WithTopic($"$share/{options.SharedGroup}/ss/v1/+/{suffix}").WithAtLeastOnceQoS());
                    }

                    var subscribed = await mqtt.SubscribeAsync(subscribe.Build(), stoppingToken).ConfigureAwait(false);
                    foreach (var item in subscribed.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
                    {
                        logger.LogError("External broker refused subscription {Topic}: {Code}", item.TopicFilter.Topic, item.ResultCode);
                    }

                    logger.LogInformation("Connected to external broker {Host}:{Port} as {ClientId} (session present: {Session})", options.Host, options.ExternalPort, options.ClientId, connected.IsSessionPresent);
                }

                var connectedFor = Stopwatch.StartNew();
                while (mqtt.IsConnected)
                {
                    await disconnected.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                if (connectedFor.Elapsed >= StableConnection)
                {
                    delay = TimeSpan.FromMilliseconds(200);
                }
                else
                {
                    // Dropped right after connecting (e.g. another client took over the same ClientId): back off, don't spin.
                    logger.LogWarning("External broker {Host}:{Port} dropped the connection after {Elapsed}; reconnecting in {Delay}", options.Host, options.ExternalPort, connectedFor.Elapsed, delay);
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("External broker {Host}:{Port} not reachable ({Message}); retrying in {Delay}", options.Host, options.ExternalPort, e.Message, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        if (mqtt.IsConnected)
        {
            await mqtt.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }

        client = null;
    }

    /// <summary>A connection that lasted this long resets the reconnect back-off.</summary>
    static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(5);

    /// <summary>The MQTT 5 Receive Maximum for a queue of <paramref name="queueCapacity"/> (1 … 65,535).</summary>
    internal static ushort ReceiveMaximum(int queueCapacity) => (ushort)Math.Clamp(queueCapacity, 1, ushort.MaxValue);

    async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var arrivedOn = Interlocked.Read(ref connection);
        var incoming = new IncomingMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!queue.TryEnqueue(incoming))
        {
            // Only if the broker ignores our Receive Maximum: then wait (MQTTnet's own queue holds the rest) rather than drop.
            await queue.EnqueueAsync(incoming, CancellationToken.None).ConfigureAwait(false);
        }

        _ = AcknowledgeWhenDurableAsync(e, incoming, arrivedOn);
    }

    /// <summary>
    /// Sends the manual PUBACK once the message is durable, on the connection it arrived on only. MQTTnet sends a PUBACK
    /// on whatever connection is current, and packet ids belong to a connection: after a broker restart (the session is
    /// gone) the new connection reuses the ids from 1, so a late PUBACK would acknowledge a different, not yet durable
    /// delivery, which the broker then forgets (a gateway crash before its commit loses it at the broker; only the
    /// station's replay brings it back). When the connection is gone the PUBACK is dropped instead: a resumed session
    /// redelivers the message (stored once, acked then), a new session has forgotten it and its station replays it.
    /// </summary>
    async Task AcknowledgeWhenDurableAsync(MqttApplicationMessageReceivedEventArgs e, IncomingMessage incoming, long arrivedOn)
    {
        try
        {
            await incoming.Durable.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // Abandoned (gateway stopping): no PUBACK, the broker redelivers it.
        }

        if (Interlocked.Read(ref connection) != arrivedOn || client?.IsConnected != true)
        {
            logger.LogDebug("Not acknowledging a durable message on {Topic} to the external broker: the connection it arrived on is gone; the broker redelivers it or its station replays it", e.ApplicationMessage.Topic);
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(ingestionOptions.Value.AckPublishTimeoutMs));
        try
        {
            await e.AcknowledgeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The message is stored; the broker redelivers it after a reconnect and it is stored as a duplicate, never twice
            // (the connection dropped between the check above and the send).
            logger.LogWarning("Could not acknowledge a durable message on {Topic} to the external broker ({Message}); it will be redelivered", e.ApplicationMessage.Topic, ex.Message);
        }
    }
}
