namespace Stations.Gateway.Broker;

/// <summary>Publishes gateway → station messages (`ack`, `cmd`) through whichever broker is in use.</summary>
public interface IStationLink
{
    /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> with QoS 1, never retained.</summary>
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);

    /// <summary>True when the link can publish now.</summary>
    bool IsConnected { get; }
}
