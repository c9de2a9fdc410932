namespace Stations.Core.Link
{
    /// <summary>
    /// The MQTT client as the station logic sees it. Implemented with M2Mqtt on the device and MQTTnet in the simulator.
    /// Core calls every member from its single loop thread; the adapter's own network thread only fills the receive queue.
    /// </summary>
    public interface IMessageLink
    {
        /// <summary>
        /// Opens a session to the broker and returns true once the broker accepted it (CONNACK 0). May block for at most the
        /// adapter's connect timeout (a few seconds). Registers the will: <paramref name="willPayload"/> published retained
        /// at QoS 1 on <paramref name="willTopic"/> if the connection is lost without <see cref="Disconnect"/>.
        /// <paramref name="cleanSession"/> false asks the broker to keep subscriptions and queued QoS 1 messages across
        /// reconnects. Returns false (never throws) when the network or broker refuses; any half-open socket is closed.
        /// </summary>
        bool Connect(string clientId, string username, string password, string willTopic, byte[] willPayload, bool cleanSession);

        /// <summary>True while the session is up. Turns false by itself when the adapter notices the connection is gone.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Queues one PUBLISH; the adapter copies payload[offset .. offset+count) before returning, so Core may reuse its
        /// buffer. Returns false (never throws) when not connected or the client refused it. A true result is not a delivery guarantee:
        /// only the gateway's `ack` message is (docs/protocol.md).
        /// </summary>
        bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>Subscribes to one topic filter at the given QoS; returns false when not connected or refused (never throws).</summary>
        bool Subscribe(string topic, int qos);

        /// <summary>
        /// Takes the oldest received message off the adapter's queue, or returns null when there is none. Never blocks.
        /// The adapter bounds its queue (dropping the newest when full) so a flood cannot exhaust memory.
        /// </summary>
        ReceivedMessage TakeReceived();

        /// <summary>Closes the session cleanly (the will is not published). Safe to call when already disconnected.</summary>
        void Disconnect();
    }
}
