using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Stations.Gateway.Broker;
using Stations.Gateway.Ingestion;
using Stations.Testing;

namespace Stations.Gateway.Tests.Broker;

/// <summary>
/// The external-broker client across a broker restart: a PUBACK that becomes due after the reconnect must not go out on
/// the new connection, where its packet id names another delivery (found by the Mosquitto chaos run, issue 12).
/// </summary>
[TestClass]
public sealed class ExternalBrokerRestartTests
{
    static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    const string Station = "gz-gy-0901";
    const string StationPassword = "station-pw";
    const string GatewayUser = "gateway";
    const string GatewayPassword = "gateway-pw";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ALatePubAckIsNotSentOnTheConnectionAfterABrokerRestart_SoTheNewDeliveryWithTheSameIdIsRedelivered()
    {
        if (!MosquittoServer.IsInstalled)
        {
            Assert.Inconclusive("mosquitto is not installed (test.sh installs it)");
        }

        var users = new Dictionary<string, string> { [Station] = StationPassword, [GatewayUser] = GatewayPassword };
        await using var before = await MosquittoServer.StartAsync(users, GatewayUser);
        await using var after = await MosquittoServer.StartAsync(users, GatewayUser); // the "restarted" broker: no sessions
        using var proxy = new SwitchableProxy(before.Port);
        var logger = new RecordingLogger();
        // Queue capacity 1 = MQTT 5 Receive Maximum 1: the broker sends the next message only after the PUBACK of the last.
        var ingestion = Options.Create(new IngestionOptions { QueueCapacity = 1, AckPublishTimeoutMs = 5_000 });
        var queue = new IngestionChannel(ingestion);
        using var client = new ExternalBrokerClient(
            Options.Create(new BrokerOptions
            {
                Mode = BrokerMode.External,
                Host = "127.0.0.1",
                ExternalPort = proxy.Port,
                Username = GatewayUser,
                Password = GatewayPassword,
                ClientId = "gw-restart-test",
                SharedGroup = "restart",
            }),
            ingestion,
            queue,
            TimeProvider.System,
            logger);
        await client.StartAsync(TestContext.CancellationToken);
        try
        {
            // Connected and subscribed (the log line comes after the SUBACK).
            Assert.Contains("session present: False", await logger.NextConnectAsync());
            await PublishAsync(before.Port, "first");
            var first = await queue.Reader.ReadAsync().AsTask().WaitAsync(Generous);
            Assert.AreEqual("first", Encoding.UTF8.GetString(first.Payload));

            // The broker "restarts" (nothing kept) while the first message is still being written: no PUBACK yet.
            proxy.SwitchTo(after.Port);
            Assert.Contains("session present: False", await logger.NextConnectAsync());
            await PublishAsync(after.Port, "second"); // the new broker's first delivery to the gateway: packet id 1 again
            var second = await queue.Reader.ReadAsync().AsTask().WaitAsync(Generous);
            Assert.AreEqual("second", Encoding.UTF8.GetString(second.Payload));

            // The first message becomes durable now. Its PUBACK (packet id 1) would acknowledge "second" at the new broker,
            // which would then send "third" (Receive Maximum 1) and forget "second".
            first.MarkDurable();
            Assert.Contains("connection it arrived on is gone", await logger.NextDebugAsync());
            await PublishAsync(after.Port, "third");

            // The gateway loses the connection before "second" is durable: the broker must still have it and redeliver it
            // first when the session resumes.
            proxy.SwitchTo(after.Port);
            Assert.Contains("session present: True", await logger.NextConnectAsync());
            var redelivered = await queue.Reader.ReadAsync().AsTask().WaitAsync(Generous);
            Assert.AreEqual("second", Encoding.UTF8.GetString(redelivered.Payload), "the broker redelivers the un-acknowledged delivery");

            // Durable on the connection it arrived on: acknowledged, so the broker sends the next one.
            redelivered.MarkDurable();
            var third = await queue.Reader.ReadAsync().AsTask().WaitAsync(Generous);
            Assert.AreEqual("third", Encoding.UTF8.GetString(third.Payload));
            third.MarkDurable();
            second.MarkDurable(); // arrived on an earlier connection: no PUBACK
            Assert.Contains("connection it arrived on is gone", await logger.NextDebugAsync());
            Assert.IsTrue(client.IsConnected);
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
        }
    }

    async Task PublishAsync(int port, string payload)
    {
        using var station = new MqttClientFactory().CreateMqttClient();
        await station.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(Station)
            .WithCredentials(Station, StationPassword)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build(), TestContext.CancellationToken);
        var result = await station.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"ss/v1/{Station}/telemetry")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), TestContext.CancellationToken);
        Assert.IsTrue(result.IsSuccess, result.ReasonCode.ToString());
        await station.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), TestContext.CancellationToken);
    }

    /// <summary>
    /// A loopback TCP proxy in front of a broker. <see cref="SwitchTo"/> cuts every open connection (the client sees its
    /// broker vanish, the broker sees the client go) and sends new ones to another port.
    /// </summary>
    sealed class SwitchableProxy : IDisposable
    {
        readonly TcpListener listener = new(IPAddress.Loopback, 0);
        readonly ConcurrentDictionary<TcpClient, bool> open = new();
        readonly CancellationTokenSource stop = new();
        volatile int target;

        public SwitchableProxy(int target)
        {
            this.target = target;
            listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void SwitchTo(int port)
        {
            target = port;
            foreach (var socket in open.Keys)
            {
                if (!open.TryRemove(socket, out _))
                {
                    continue; // already closed by its pipe
                }

                try
                {
                    socket.Client.LingerState = new LingerOption(true, 0); // RST: gone at once, as a killed broker
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    // closed meanwhile by the other side
                }

                socket.Dispose();
            }
        }

        async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try
                {
                    inbound = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                var outbound = new TcpClient();
                try
                {
                    await outbound.ConnectAsync(IPAddress.Loopback, target, stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    continue;
                }

                open[inbound] = true;
                open[outbound] = true;
                _ = PipeAsync(inbound, outbound);
                _ = PipeAsync(outbound, inbound);
            }
        }

        async Task PipeAsync(TcpClient from, TcpClient to)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or SocketException)
            {
                // cut by SwitchTo or by the other side
            }

            foreach (var socket in new[] { from, to })
            {
                open.TryRemove(socket, out _);
                socket.Dispose();
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            SwitchTo(target);
            stop.Dispose();
        }
    }

    /// <summary>Records the client's "Connected …" and Debug lines so the test waits for them instead of sleeping.</summary>
    sealed class RecordingLogger : ILogger<ExternalBrokerClient>
    {
        readonly Channel<string> connects = Channel.CreateUnbounded<string>();
        readonly Channel<string> debug = Channel.CreateUnbounded<string>();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            if (line.StartsWith("Connected to external broker", StringComparison.Ordinal))
            {
                connects.Writer.TryWrite(line);
            }
            else if (logLevel == LogLevel.Debug)
            {
                debug.Writer.TryWrite(line);
            }
        }

        public Task<string> NextConnectAsync() => connects.Reader.ReadAsync().AsTask().WaitAsync(Generous);

        public Task<string> NextDebugAsync() => debug.Reader.ReadAsync().AsTask().WaitAsync(Generous);
    }
}
