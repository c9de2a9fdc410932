using System.Net;
using MQTTnet;
using MQTTnet.Protocol;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.EndToEnd;

/// <summary>What only the embedded broker does: authentication, topic ACL, PUBACK held until durable, will; plus HTTP endpoints.</summary>
[TestClass]
public sealed class EmbeddedBrokerTests
{
    public TestContext TestContext { get; set; } = null!;

    Task<StationBench> StartAsync(params string[] stations) =>
        StationBench.StartAsync(StorageKind.Sqlite, mosquitto: false, TestContext.TestName!.ToLowerInvariant(), stations);

    [TestMethod]
    public async Task WrongPasswordUnknownStationAndMismatchedClientIdAreRefused()
    {
        await using var bench = await StartAsync("gz-gy-0101");
        var wrongPassword = await Assert.ThrowsAsync<StationRefusedException>(() => TestStation.ConnectAsync("gz-gy-0101", bench.StationPort, "not-the-password"));
        Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, wrongPassword.Code);
        var unknown = await Assert.ThrowsAsync<StationRefusedException>(() => TestStation.ConnectAsync("gz-gy-9999", bench.StationPort));
        Assert.AreEqual(MqttClientConnectResultCode.BadUserNameOrPassword, unknown.Code);

        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", bench.StationPort).WithClientId("someone-else")
            .WithCredentials("gz-gy-0101", StationBench.StationPassword).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build();
        var mismatch = await client.ConnectAsync(options);
        Assert.AreEqual(MqttClientConnectResultCode.ClientIdentifierNotValid, mismatch.ResultCode);

        var metrics = await new HttpClient { BaseAddress = bench.Gateway.BaseAddress }.GetStringAsync("/metrics");
        StringAssert.Contains(metrics, "stations_refusals");
    }

    [TestMethod]
    public async Task AStationPublishesOnlyUnderItsOwnIdAndSubscribesOnlyToItsOwnCmdAndAck()
    {
        await using var bench = await StartAsync("gz-gy-0102", "gz-gy-0103");
        var station = await bench.ConnectAsync("gz-gy-0102");
        var foreign = await station.PublishRawAsync("telemetry", "{}"u8.ToArray(), topic: "ss/v1/gz-gy-0103/telemetry");
        Assert.AreEqual(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        var outside = await station.PublishRawAsync("x", "{}"u8.ToArray(), topic: "random/topic");
        Assert.AreEqual(MqttClientPublishReasonCode.NotAuthorized, outside.ReasonCode);
        Assert.AreEqual(MqttClientSubscribeResultCode.NotAuthorized, await station.SubscribeAsync("ss/v1/gz-gy-0103/cmd"));
        Assert.AreEqual(MqttClientSubscribeResultCode.NotAuthorized, await station.SubscribeAsync("ss/v1/+/ack"));
        Assert.AreEqual(MqttClientSubscribeResultCode.NotAuthorized, await station.SubscribeAsync("#"));
        Assert.AreEqual(0L, await bench.CountAsync("SELECT COUNT(*) FROM messages") + await bench.CountAsync("SELECT COUNT(*) FROM dead_letters"));
    }

    [TestMethod]
    public async Task ThePubAckMeansTheMessageIsAlreadyDurable()
    {
        await using var bench = await StartAsync("gz-gy-0104");
        var station = await bench.ConnectAsync("gz-gy-0104");
        for (var i = 0; i < 5; i++)
        {
            await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1000,"type":"visit","dev":"beam1","n":1}""");
            Assert.AreEqual(i + 1L, await bench.CountAsync("SELECT COUNT(*) FROM messages"), "stored before the PUBACK returned");
        }
    }

    [TestMethod]
    public async Task TheWillMarksTheStationOfflineAndRaisesAnAlarm()
    {
        await using var bench = await StartAsync("gz-gy-0105");
        var station = await bench.ConnectAsync("gz-gy-0105");
        await station.PublishRawAsync("status", """{"v":1,"boot":"9f3a1c07","up":5123,"state":"online","fw":"1.0.0","cfg":"5d41402a","safe":false,"tel":60}"""u8.ToArray(), retain: true);
        var status = bench.Gateway.Get<StationStatusService>();
        Assert.AreEqual(1L, (await status.FindAsync("gz-gy-0105"))!.Online);
        await station.DisconnectAsync(sendWill: true);
        await StationBench.WaitUntilAsync(async () => (await status.FindAsync("gz-gy-0105"))!.Online == 0, "offline after the will");
        Assert.AreEqual("will", (await status.FindAsync("gz-gy-0105"))!.OfflineReason);
        Assert.IsTrue((await bench.Gateway.Get<Alarms.AlarmService>().ListActiveAsync("gz-gy-0105")).Any(a => a.Code == "station.offline"));
    }

    [TestMethod]
    public async Task HealthAndMetricsEndpointsAnswer()
    {
        await using var bench = await StartAsync("gz-gy-0106");
        var station = await bench.ConnectAsync("gz-gy-0106");
        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1000,"type":"visit","dev":"beam1","n":1}""");
        await station.WaitForAckAsync(station.Boot, 1);
        using var http = new HttpClient { BaseAddress = bench.Gateway.BaseAddress };
        Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var metrics = await http.GetStringAsync("/metrics");
        foreach (var name in new[] { "stations_messages_in_total", "stations_acks_sent_total", "stations_messages_stored_total", "stations_batch_latency_milliseconds", "stations_connections" })
        {
            StringAssert.Contains(metrics, name);
        }
    }
}
