using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace Stations.Simulator.Tests;

/// <summary>MQTTnet's in-process broker on a free loopback port, with a <see cref="TestGateway"/> attached.</summary>
internal sealed class InProcessBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private InProcessBroker(MqttServer server, TestGateway gateway, int port)
    {
        _server = server;
        Gateway = gateway;
        Port = port;
    }

    public int Port { get; }

    public TestGateway Gateway { get; }

    public ConcurrentQueue<(string Topic, string Payload, bool Retain)> Received => Gateway.Received;

    public static async Task<InProcessBroker> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await server.StartAsync();
        return new InProcessBroker(server, await TestGateway.ConnectAsync(port), port);
    }

    public Task WaitUntilAsync(Func<bool> condition, string what) => TestGateway.WaitUntilAsync(condition, what);

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await _server.StopAsync();
        _server.Dispose();
    }
}
