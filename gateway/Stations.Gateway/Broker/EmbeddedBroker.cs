using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Operations;
using Stations.Gateway.Protocol;
using Stations.Gateway.Stations;

namespace Stations.Gateway.Broker;

/// <summary>
/// The embedded MQTTnet 5 server: authenticates stations (client id = user name = station id, PBKDF2 password),
/// enforces the topic ACL, and hands every publish to ingestion. MQTTnet awaits the publish interceptor before it
/// sends the PUBACK, so with `HoldPubAckUntilDurable` a station's PUBACK means its message is committed.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<BrokerOptions> brokerOptions,
    IOptions<IngestionOptions> ingestionOptions,
    StationRegistry registry,
    IngestionChannel queue,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger) : IHostedService, IStationLink, IDisposable
{
    /// <summary>The sender id of messages the gateway injects (never a valid station id).</summary>
    const string GatewaySenderId = "$gateway";

    readonly CancellationTokenSource stopping = new();
    MqttServer? server;

    /// <inheritdoc />
    public bool IsConnected => server?.IsStarted == true;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = brokerOptions.Value;
        var address = IPAddress.Parse(options.ListenAddress);
        var builder = new MqttServerOptionsBuilder().WithPersistentSessions();
        if (options.Port > 0)
        {
            builder = builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointPort(options.Port);
        }

        if (options.TlsPort > 0)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath!, options.TlsCertificatePassword);
            builder = builder.WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(address).WithEncryptedEndpointPort(options.TlsPort).WithEncryptionCertificate(certificate);
        }

        server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.ClientConnectedAsync += e =>
        {
            metrics.Connected();
            logger.LogInformation("Station {StationId} connected from {Endpoint}", e.ClientId, e.RemoteEndPoint);
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            metrics.Disconnected();
            logger.LogInformation("Station {StationId} disconnected ({Reason})", e.ClientId, e.DisconnectType);
            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        logger.LogInformation("Embedded MQTT broker listening on {Address} port {Port} (TLS port {TlsPort})", address, options.Port, options.TlsPort);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (server != null)
        {
            await server.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes to a station. Its `ack` and `cmd` go straight into that station's session (the only one allowed to
    /// subscribe to them, see <see cref="TopicAcl"/>): injecting them instead makes MQTTnet match the topic against every
    /// session's subscriptions, which at 19,500 connected stations held acks to ≈ 65 per second (docs/performance.md, P2).
    /// A station without a session (not connected, no persistent session) gets nothing, as with an injected message.
    /// </summary>
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var broker = server ?? throw new InvalidOperationException("The embedded broker is not started.");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(false)
            .Build();
        var station = StationTopic.StationIdOf(topic);
        if (station != null && (topic == StationTopic.AckTopic(station) || topic == StationTopic.CommandTopic(station)))
        {
            MqttSessionStatus session;
            try
            {
                session = await broker.GetSessionAsync(station).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                return; // No session: nobody could receive it.
            }

            if (session.TryEnqueueApplicationMessage(message, out _))
            {
                return;
            }
        }

        await broker.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = GatewaySenderId }, cancellationToken).ConfigureAwait(false);
    }

    async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        string? refusal = null;
        if (e.ClientId != e.UserName || !StationRegistry.StationIdPattern().IsMatch(e.ClientId ?? ""))
        {
            refusal = "client-id";
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
        }
        else if (!await registry.VerifyAsync(e.ClientId!, e.Password).ConfigureAwait(false))
        {
            refusal = "credentials";
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }

        if (refusal != null)
        {
            metrics.Refused("connect", refusal);
            logger.LogWarning("Refused connection of client {ClientId} user {User} from {Endpoint}: {Reason}", e.ClientId, e.UserName, e.RemoteEndPoint, refusal);
        }
    }

    Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!TopicAcl.MaySubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            metrics.Refused("subscribe", "foreign-topic");
            logger.LogWarning("Refused subscription of station {StationId} to {Topic}", e.ClientId, e.TopicFilter.Topic);
        }

        return Task.CompletedTask;
    }

    async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == GatewaySenderId)
        {
            return; // The gateway's own ack/cmd: route to the station.
        }

        // Nothing is routed between stations: the gateway consumes every station message itself.
        e.ProcessPublish = false;
        var topic = e.ApplicationMessage.Topic;
        if (!TopicAcl.MayPublish(e.ClientId, topic))
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            metrics.Refused("publish", "foreign-topic");
            logger.LogWarning("Refused publish of station {StationId} on {Topic}", e.ClientId, topic);
            return;
        }

        var incoming = new IncomingMessage(topic, e.ApplicationMessage.Payload.ToArray(), time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            // Not the client's token: a will is dispatched while its client is going away and must still be queued.
            await queue.EnqueueAsync(incoming, stopping.Token).ConfigureAwait(false);
            if (ingestionOptions.Value.HoldPubAckUntilDurable && e.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
            {
                await incoming.Durable.WaitAsync(e.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Gateway stopping or client gone before the write: no PUBACK, the station publishes again.
            e.CloseConnection = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        server?.Dispose();
        stopping.Dispose();
    }
}
