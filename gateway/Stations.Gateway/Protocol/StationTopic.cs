namespace Stations.Gateway.Protocol;

/// <summary>A parsed station → gateway topic `ss/v1/{station}/{kind}`.</summary>
public readonly record struct StationTopic(string StationId, StationMessageKind Kind)
{
    /// <summary>The topic prefix for protocol v1.</summary>
    public const string Prefix = "ss/v1/";

    /// <summary>Size limit in bytes for this kind of message.</summary>
    public int SizeLimitBytes => Kind == StationMessageKind.Status ? 512 : 1024;

    /// <summary>Parses a station → gateway topic; false for anything else (including gateway → station topics).</summary>
    public static bool TryParse(string? topic, out StationTopic parsed)
    {
        parsed = default;
        if (topic == null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var station = rest[..slash];
        StationMessageKind? kind = rest[(slash + 1)..] switch
        {
            "status" => StationMessageKind.Status,
            "telemetry" => StationMessageKind.Telemetry,
            "event" => StationMessageKind.Event,
            "cmd/result" => StationMessageKind.CommandResult,
            _ => null,
        };
        if (kind == null || !Stations.StationRegistry.StationIdPattern().IsMatch(station))
        {
            return false;
        }

        parsed = new StationTopic(station, kind.Value);
        return true;
    }

    /// <summary>The station id a topic under `ss/v1/` names, or null.</summary>
    public static string? StationIdOf(string? topic)
    {
        if (topic == null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? rest[..slash] : null;
    }

    /// <summary>`ss/v1/{station}/ack`.</summary>
    public static string AckTopic(string stationId) => Prefix + stationId + "/ack";

    /// <summary>`ss/v1/{station}/cmd`.</summary>
    public static string CommandTopic(string stationId) => Prefix + stationId + "/cmd";
}
