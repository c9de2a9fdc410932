namespace Stations.Gateway.Broker;

/// <summary>Where stations connect.</summary>
public enum BrokerMode
{
    /// <summary>The gateway runs its own MQTT server (MQTTnet), with per-station credentials and ACL.</summary>
    Embedded,

    /// <summary>Stations connect to an external broker (Mosquitto, EMQX); the gateway is a client with shared subscriptions.</summary>
    External,
}
