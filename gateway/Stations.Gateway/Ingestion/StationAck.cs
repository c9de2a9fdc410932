namespace Stations.Gateway.Ingestion;

/// <summary>An ack to publish: every message of <paramref name="Boot"/> up to <paramref name="Seq"/> is durable or declared lost.</summary>
public sealed record StationAck(string StationId, string Boot, long Seq)
{
    /// <summary>The ack payload, e.g. `{"boot":"9f3a1c07","seq":120}`.</summary>
    public string ToJson() => "{\"boot\":\"" + Boot + "\",\"seq\":" + Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
}
