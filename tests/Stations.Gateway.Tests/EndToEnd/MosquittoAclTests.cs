using MQTTnet;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.EndToEnd;

/// <summary>The Mosquitto set-up used with the external-broker mode enforces the same per-station ACL.</summary>
[TestClass]
public sealed class MosquittoAclTests
{
    [TestMethod]
    public async Task WrongPasswordAndForeignTopicsAreRefusedByMosquitto()
    {
        await using var bench = await StationBench.StartAsync(StorageKind.Sqlite, mosquitto: true, "mosquittoacl", ["gz-gy-0301", "gz-gy-0302"]);
        var refused = await Assert.ThrowsAsync<StationRefusedException>(() => TestStation.ConnectAsync("gz-gy-0301", bench.StationPort, "wrong-password"));
        Assert.AreEqual(MqttClientConnectResultCode.NotAuthorized, refused.Code);
        var station = await bench.ConnectAsync("gz-gy-0301");
        var foreign = await station.PublishRawAsync("telemetry", "{}"u8.ToArray(), topic: "ss/v1/gz-gy-0302/telemetry");
        Assert.AreEqual(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
    }
}
