namespace Stations.Core.Link
{
    /// <summary>One MQTT message delivered to the station, as queued by the link adapter.</summary>
    public sealed class ReceivedMessage
    {
        /// <summary>Creates a message; the adapter hands over ownership of <paramref name="payload"/>.</summary>
        public ReceivedMessage(string topic, byte[] payload, bool retain)
        {
            Topic = topic;
            Payload = payload;
            Retain = retain;
        }

        /// <summary>The topic it arrived on.</summary>
        public readonly string Topic;

        /// <summary>The payload bytes (never null; may be empty).</summary>
        public readonly byte[] Payload;

        /// <summary>The MQTT retain flag as delivered (a retained command must be ignored).</summary>
        public readonly bool Retain;
    }
}
