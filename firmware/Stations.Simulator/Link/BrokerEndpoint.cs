namespace Stations.Simulator.Link;

/// <summary>Where the virtual stations connect: host and port of the MQTT broker (the gateway's embedded one by default).</summary>
public sealed record BrokerEndpoint(string Host = "localhost", int Port = 1883)
{
    /// <summary>How long a link waits inside <c>Connect</c> for the broker's answer before reporting "not yet".</summary>
    public TimeSpan ConnectWait { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>MQTT keep-alive; a dropped station's will is published about 1.5× this after it vanishes.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);
}
