using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Server;

namespace Stations.Simulator.Tests;

/// <summary>
/// MQTTnet's in-process broker on a free loopback port, plus a tiny "gateway" client that records every station
/// message and acks each (boot, seq) it sees, so fleets can be checked end to end without the real gateway.
/// </summary>
internal sealed class InProcessBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly IMqttClient _gateway;
    private readonly ConcurrentDictionary<(string Station, string Boot), long> _highest = new();

    private InProcessBroker(MqttServer server, IMqttClient gateway, int port)
    {
        _server = server;
        _gateway = gateway;
        Port = port;
    }

    public int Port { get; }

    public bool AckEverything { get; set; } = true;

    public ConcurrentQueue<(string Topic, string Payload, bool Retain)> Received { get; } = new();

    public static async Task<InProcessBroker> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await server.StartAsync();
        var gateway = new MqttClientFactory().CreateMqttClient();
        var broker = new InProcessBroker(server, gateway, port);
        gateway.ApplicationMessageReceivedAsync += broker.OnMessageAsync;
        await gateway.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-gateway").Build());
        await gateway.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("ss/v1/+/#").Build());
        return broker;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
        if (m.Topic.EndsWith("/ack", StringComparison.Ordinal) || m.Topic.EndsWith("/cmd", StringComparison.Ordinal)) return Task.CompletedTask;
        string payload = Encoding.UTF8.GetString(m.Payload);
        Received.Enqueue((m.Topic, payload, m.Retain));
        if (!AckEverything || m.Topic.EndsWith("/status", StringComparison.Ordinal)) return Task.CompletedTask;
        using var doc = JsonDocument.Parse(payload);
        if (!doc.RootElement.TryGetProperty("seq", out var seqEl)) return Task.CompletedTask;
        string station = m.Topic.Split('/')[2];
        string boot = doc.RootElement.GetProperty("boot").GetString()!;
        long seq = seqEl.GetInt64();
        long acked = _highest.AddOrUpdate((station, boot), seq, (_, old) => Math.Max(old, seq));
        // Not awaited: waiting for a PUBACK inside the receive handler would stall this client's receive loop.
        _ = _gateway.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ss/v1/{station}/ack")
            .WithPayload($"{{\"boot\":\"{boot}\",\"seq\":{acked}}}").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return Task.CompletedTask;
    }

    /// <summary>Waits (with a generous timeout) until the condition over the received messages holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gateway.Dispose();
        await _server.StopAsync();
        _server.Dispose();
    }
}
