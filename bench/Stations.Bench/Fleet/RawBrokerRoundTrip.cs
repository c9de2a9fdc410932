using System.Diagnostics;
using System.Net;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Stations.Simulator.Link;
using Stations.Testing;

namespace Stations.Bench.Fleet;

/// <summary>
/// The baseline for ack latency: a bare MQTTnet broker in this process with one idle subscriber, and clients that
/// publish a telemetry-sized QoS 1 message once a second each; publish → PUBACK is the raw broker round trip.
/// </summary>
public static class RawBrokerRoundTrip
{
    /// <summary>Runs <paramref name="clients"/> publishers for <paramref name="duration"/>; returns (p50, p99) in ms.</summary>
    public static async Task<(double P50Ms, double P99Ms, int Samples)> MeasureAsync(int clients, TimeSpan duration)
    {
        var port = FreeTcpPort.Next();
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("raw-subscriber").Build()).ConfigureAwait(false);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("ss/v1/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).Build()).ConfigureAwait(false);
        var recorder = new AckLatencyRecorder();
        var payload = Encoding.UTF8.GetBytes(new string('x', 300));
        var publishers = new List<IMqttClient>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                var client = factory.CreateMqttClient();
                publishers.Add(client);
                await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("raw-" + i).Build()).ConfigureAwait(false);
            }

            using var stop = new CancellationTokenSource(duration);
            await Task.WhenAll(publishers.Select((client, i) => PublishEverySecondAsync(client, "ss/v1/raw-" + i + "/telemetry", payload, recorder, stop.Token))).ConfigureAwait(false);
            return (recorder.PercentileMs(0.5), recorder.PercentileMs(0.99), recorder.Count);
        }
        finally
        {
            foreach (var client in publishers)
            {
                client.Dispose();
            }

            await server.StopAsync().ConfigureAwait(false);
        }
    }

    static async Task PublishEverySecondAsync(IMqttClient client, string topic, byte[] payload, AckLatencyRecorder recorder, CancellationToken stop)
    {
        // Spread the clients over the second, as stations' telemetry is spread over the minute.
        await Task.Delay(Random.Shared.Next(1000), CancellationToken.None).ConfigureAwait(false);
        while (!stop.IsCancellationRequested)
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var sent = Stopwatch.GetTimestamp();
            await client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            recorder.Record(Stopwatch.GetTimestamp() - sent);
            try
            {
                await Task.Delay(1000, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
