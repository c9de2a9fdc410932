using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace Stations.Simulator.Tests;

/// <summary>
/// A tiny stand-in for the gateway's ingestion: subscribes to every station topic, records each message, and acks
/// the highest seq seen per (station, boot). Enough to drive Core's outbox in tests without the real gateway.
/// </summary>
internal sealed class TestGateway : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<(string Station, string Boot), long> _highest = new();

    public ConcurrentQueue<(string Topic, string Payload, bool Retain)> Received { get; } = new();

    public bool AckEverything { get; set; } = true;

    public static async Task<TestGateway> ConnectAsync(int port, string? user = null, string? password = null)
    {
        var gateway = new TestGateway();
        gateway._client.ApplicationMessageReceivedAsync += gateway.OnMessageAsync;
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-gateway");
        if (user != null) options = options.WithCredentials(user, password);
        await gateway._client.ConnectAsync(options.Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (string kind in new[] { "status", "telemetry", "event", "cmd/result" }) subscribe = subscribe.WithTopicFilter("ss/v1/+/" + kind);
        await gateway._client.SubscribeAsync(subscribe.Build());
        return gateway;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
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
        _ = _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"ss/v1/{station}/ack")
            .WithPayload($"{{\"boot\":\"{boot}\",\"seq\":{acked}}}").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return Task.CompletedTask;
    }

    /// <summary>Waits (with a generous timeout) until the condition holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    public void Dispose() => _client.Dispose();
}
