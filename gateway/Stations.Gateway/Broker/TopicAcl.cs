using Stations.Gateway.Protocol;

namespace Stations.Gateway.Broker;

/// <summary>The station topic ACL: publish only under its own id, subscribe only to its own `cmd` and `ack`.</summary>
public static class TopicAcl
{
    /// <summary>True when <paramref name="stationId"/> may publish on <paramref name="topic"/>.</summary>
    public static bool MayPublish(string stationId, string topic) =>
        StationTopic.TryParse(topic, out var parsed) && parsed.StationId == stationId;

    /// <summary>True when <paramref name="stationId"/> may subscribe to <paramref name="topicFilter"/> (exact topics only, no wildcards).</summary>
    public static bool MaySubscribe(string stationId, string topicFilter) =>
        topicFilter == StationTopic.CommandTopic(stationId) || topicFilter == StationTopic.AckTopic(stationId);
}
