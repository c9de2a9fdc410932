using Stations.Gateway.Protocol;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.Protocol;

[TestClass]
public sealed class MessageValidatorVectorTests
{
    [TestMethod]
    public void EveryValidVectorIsAccepted()
    {
        var failures = new List<string>();
        foreach (var (name, kind, payload) in ProtocolVectors.Valid())
        {
            var result = MessageValidator.Validate("ss/v1/gz-gy-0001/" + ProtocolVectors.TopicSuffix(kind), payload);
            if (!result.IsValid)
            {
                failures.Add($"{name}: {result.Reason}");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void EveryInvalidVectorGetsItsExactReason()
    {
        var vectors = ProtocolVectors.Invalid();
        Assert.IsGreaterThan(50, vectors.Count);
        var failures = new List<string>();
        foreach (var (name, kind, payload, reason) in vectors)
        {
            var result = MessageValidator.Validate("ss/v1/gz-gy-0001/" + ProtocolVectors.TopicSuffix(kind), payload);
            if (result.Reason != reason)
            {
                failures.Add($"{name}: expected '{reason}', got '{result.Reason ?? "valid"}'");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    [DataRow("ss/v1/gz-gy-0001/weather")]
    [DataRow("ss/v1/GZ/telemetry")]
    [DataRow("ss/v2/gz-gy-0001/telemetry")]
    [DataRow("ss/v1/gz-gy-0001/cmd")]
    public void ForeignTopicsAreBadTopic(string topic) =>
        Assert.AreEqual("bad-topic", MessageValidator.Validate(topic, "{}"u8).Reason);

    [TestMethod]
    public void AnInvalidBodyWithAGoodEnvelopeKeepsBootAndSeqForTheAck()
    {
        var result = MessageValidator.Validate("ss/v1/gz-gy-0001/event", """{"v":1,"boot":"9f3a1c07","seq":7,"up":1,"type":"visit","dev":"beam1","n":0}"""u8);
        Assert.AreEqual("bad-field: n", result.Reason);
        Assert.AreEqual("9f3a1c07", result.Boot);
        Assert.AreEqual(7L, result.Seq);
    }

    [TestMethod]
    public void AnEscapedLoneSurrogateIsNotJsonInsteadOfACrash()
    {
        // Found by the fuzz run: JsonElement.GetString throws on "\ud800"; Core's JsonReader rejects the same bytes.
        var payload = System.Text.Encoding.UTF8.GetBytes(
            "{\"v\":1,\"boot\":\"9f3a1c07\",\"seq\":1,\"up\":1000,\"type\":\"config.rejected\",\"cfg\":\"0badc0de\",\"err\":\"a\\ud800b\"}");
        Assert.AreEqual("not-json", MessageValidator.Validate("ss/v1/gz-gy-0001/event", payload).Reason);
    }
}
