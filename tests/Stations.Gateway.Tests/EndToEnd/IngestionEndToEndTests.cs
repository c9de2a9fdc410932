using System.Text;
using System.Text.Json.Nodes;
using Stations.Gateway.Alarms;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Rollups;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.EndToEnd;

/// <summary>
/// The ingestion contract end to end with a real MQTT client as the station. Run on every combination of broker
/// (embedded, Mosquitto) and store (SQLite, PostgreSQL) by the derived classes.
/// </summary>
public abstract class IngestionEndToEndTests
{
    protected const long Nov23NoonShanghaiMs = 1763870400000; // 2025-11-23 12:00 +08:00

    protected abstract StorageKind Storage { get; }

    protected abstract bool UseMosquitto { get; }

    public TestContext TestContext { get; set; } = null!;

    protected Task<StationBench> StartAsync(params string[] stations) =>
        StationBench.StartAsync(Storage, UseMosquitto, TestContext.TestName!.ToLowerInvariant(), stations);

    static string Telemetry(bool open = true, double t = 24.5, bool doorOpen = false, string dispenser = "ok", string outlet = "idle") =>
        $$"""{"v":1,"boot":"x","seq":0,"up":3600000,"ts":0,"open":{{(open ? "true" : "false")}},"cnt":{"vis":1,"l":0.5,"ses":0,"wh":0},"clim":[{"id":"probe1","t":{{t.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"rh":55.2}],"door":[{"id":"door1","open":{{(doorOpen ? "true" : "false")}}}],"disp":[{"id":"water1","valve":false,"st":"{{dispenser}}"}],"out":[{"id":"ebike1","st":"{{outlet}}","w":0}]}""";

    static string Visit(int n) => $$"""{"v":1,"boot":"x","seq":0,"up":1000,"ts":0,"type":"visit","dev":"beam1","n":{{n}}}""";

    [TestMethod]
    public async Task ValidVectorsAreStoredOnceEachAndAcked()
    {
        await using var bench = await StartAsync("gz-gy-0001");
        var station = await bench.ConnectAsync("gz-gy-0001");
        var sequenced = 0L;
        foreach (var (name, kind, payload) in ProtocolVectors.Valid())
        {
            if (kind is "status" or "will")
            {
                continue;
            }

            // Each vector gets its own seq so that none collapses into another as a duplicate.
            await station.SendAsync(ProtocolVectors.TopicSuffix(kind), Encoding.UTF8.GetString(payload));
            sequenced++;
        }

        await station.WaitForAckAsync(station.Boot, sequenced);
        Assert.AreEqual(sequenced, await bench.CountAsync("SELECT COUNT(*) FROM messages WHERE station_id = 'gz-gy-0001'"));
        Assert.AreEqual(0L, await bench.CountAsync("SELECT COUNT(*) FROM dead_letters"));
        Assert.AreEqual(0, station.OutboxCount);
    }

    [TestMethod]
    public async Task BirthStatusSetsFirmwareAndConfigHash()
    {
        await using var bench = await StartAsync("gz-gy-0002");
        var station = await bench.ConnectAsync("gz-gy-0002");
        await station.PublishRawAsync("status", """{"v":1,"boot":"9f3a1c07","up":5123,"ts":1763900000000,"state":"online","fw":"1.2.3","cfg":"5d41402a","safe":false,"tel":60}"""u8.ToArray(), retain: true);
        var status = bench.Gateway.Get<StationStatusService>();
        await StationBench.WaitUntilAsync(async () => (await status.FindAsync("gz-gy-0002"))?.FirmwareVersion == "1.2.3", "firmware version stored");
        var found = (await status.FindAsync("gz-gy-0002"))!;
        Assert.AreEqual("5d41402a", found.ConfigHash);
        Assert.AreEqual(1L, found.Online);
    }

    [TestMethod]
    public async Task EveryInvalidVectorIsDeadLetteredWithItsReasonAndRawBytes()
    {
        await using var bench = await StartAsync("gz-gy-0003");
        var station = await bench.ConnectAsync("gz-gy-0003");
        var vectors = ProtocolVectors.Invalid();
        foreach (var (_, kind, payload, _) in vectors)
        {
            await station.PublishRawAsync(ProtocolVectors.TopicSuffix(kind), payload);
        }

        await StationBench.WaitUntilAsync(async () => await bench.CountAsync("SELECT COUNT(*) FROM dead_letters") >= vectors.Count, "all dead letters");
        var stored = await bench.QueryAsync<(string Topic, string Reason, byte[] Payload)>("SELECT topic, reason, payload FROM dead_letters WHERE station_id = 'gz-gy-0003'");
        Assert.HasCount(vectors.Count, stored);
        foreach (var (name, kind, payload, reason) in vectors)
        {
            var topic = "ss/v1/gz-gy-0003/" + ProtocolVectors.TopicSuffix(kind);
            Assert.IsTrue(stored.Any(d => d.Topic == topic && d.Reason == reason && d.Payload.AsSpan().SequenceEqual(payload)), $"{name}: no dead letter with reason '{reason}'");
        }

        // The pipeline survived: a good message after all that is stored and acked.
        station.Boot = "0badc0de";
        await station.SendAsync("event", Visit(2));
        await station.WaitForAckAsync("0badc0de", 1);
    }

    [TestMethod]
    public async Task DuplicatesAreStoredOnceAndAckedAgain()
    {
        await using var bench = await StartAsync("gz-gy-0004");
        var station = await bench.ConnectAsync("gz-gy-0004");
        var payload = Encoding.UTF8.GetBytes("""{"v":1,"boot":"1234abcd","seq":1,"up":1000,"ts":1763870400000,"type":"visit","dev":"beam1","n":3}""");
        await station.PublishRawAsync("event", payload);
        await station.WaitForAckAsync("1234abcd", 1);
        await station.PublishRawAsync("event", payload);
        await station.PublishRawAsync("event", payload);
        await station.SendAsync("event", Visit(1)); // boot 9f3a1c07: proves the duplicates went through the pipeline first.
        await station.WaitForAckAsync(station.Boot, 1);
        Assert.AreEqual(1L, await bench.CountAsync("SELECT COUNT(*) FROM messages WHERE boot = '1234abcd'"));
        await bench.Gateway.Get<RollupService>().RecomputeDirtyAsync();
        var day = await bench.Gateway.Get<RollupService>().GetDailyAsync("gz-gy-0004", new DateOnly(2025, 11, 23), new DateOnly(2025, 11, 23));
        Assert.AreEqual(3L, day.Single().Visits, "a replay is never a second visit");
    }

    [TestMethod]
    public async Task AckIsTheHighestContiguousSeqAndOutboxDroppedCoversGaps()
    {
        await using var bench = await StartAsync("gz-gy-0005");
        var station = await bench.ConnectAsync("gz-gy-0005");
        await station.SendAsync("event", Visit(1), Nov23NoonShanghaiMs); // 1
        await station.SendAsync("event", Visit(1), Nov23NoonShanghaiMs); // 2
        station.NextSeq = 5;
        await station.SendAsync("event", Visit(1), Nov23NoonShanghaiMs); // 5: 3 and 4 missing
        await station.WaitForAckAsync(station.Boot, 2);
        await station.SendAsync("event", $$"""{"v":1,"boot":"x","seq":0,"up":1,"ts":{{Nov23NoonShanghaiMs}},"type":"outbox.dropped","lostBoot":"9f3a1c07","from":3,"to":4,"n":2,"reason":"full"}"""); // 6
        await station.WaitForAckAsync(station.Boot, 6);
        Assert.AreEqual(6L, station.AckFor(station.Boot));
    }

    [TestMethod]
    public async Task AnInvalidMessageWithAGoodEnvelopeDoesNotStallTheAck()
    {
        await using var bench = await StartAsync("gz-gy-0006");
        var station = await bench.ConnectAsync("gz-gy-0006");
        await station.SendAsync("event", Visit(1));
        await station.SendAsync("event", Visit(0)); // bad-field: n
        await station.SendAsync("event", Visit(1));
        await station.WaitForAckAsync(station.Boot, 3);
        Assert.AreEqual(2L, await bench.CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.AreEqual("bad-field: n", (await bench.QueryAsync<string>("SELECT reason FROM dead_letters")).Single());
    }

    [TestMethod]
    public async Task LateDataMarksTheDayDirtyAndRollupsAreRecomputed()
    {
        await using var bench = await StartAsync("gz-gy-0007");
        var station = await bench.ConnectAsync("gz-gy-0007");
        var rollups = bench.Gateway.Get<RollupService>();
        var day = new DateOnly(2025, 11, 23);
        await station.SendAsync("event", Visit(2), Nov23NoonShanghaiMs);
        await station.SendAsync("telemetry", Telemetry(), Nov23NoonShanghaiMs);
        await station.WaitForAckAsync(station.Boot, 2);
        await rollups.RecomputeDirtyAsync();
        var first = (await rollups.GetDailyAsync("gz-gy-0007", day, day)).Single();
        Assert.AreEqual(2L, first.Visits);
        Assert.AreEqual(1L, first.TelemetryReceived);
        Assert.AreEqual(1440L, first.TelemetryExpected);

        // A replayed outbox from an earlier boot arrives days later, dated the same day (morning, 08:30 local).
        station.Boot = "aaaabbbb";
        await station.SendAsync("event", Visit(5), Nov23NoonShanghaiMs - (3 * 3600 + 1800) * 1000L);
        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1,"ts":0,"type":"dispense","dev":"water1","l":0.25,"durMs":4000,"trig":"button"}""", Nov23NoonShanghaiMs);
        await station.WaitForAckAsync("aaaabbbb", 2);
        Assert.AreEqual(1, await rollups.RecomputeDirtyAsync());
        var second = (await rollups.GetDailyAsync("gz-gy-0007", day, day)).Single();
        Assert.AreEqual(7L, second.Visits);
        Assert.AreEqual(0.25, second.Litres, 1e-9);
        var hours = await rollups.GetHourlyAsync("gz-gy-0007", day);
        Assert.AreEqual(5L, hours[8].Visits);
        Assert.AreEqual(2L, hours[12].Visits);

        // Rebuilding from raw gives the same answer.
        await rollups.RebuildAsync();
        Assert.AreEqual(second, (await rollups.GetDailyAsync("gz-gy-0007", day, day)).Single());
    }

    [TestMethod]
    public async Task DerivedAlarmsAreRaisedDeduplicatedAcknowledgedAndCleared()
    {
        await using var bench = await StartAsync("gz-gy-0008");
        var station = await bench.ConnectAsync("gz-gy-0008");
        var alarms = bench.Gateway.Get<AlarmService>();
        await station.SendAsync("telemetry", Telemetry(dispenser: "dry"), Nov23NoonShanghaiMs);
        await station.SendAsync("telemetry", Telemetry(dispenser: "dry"), Nov23NoonShanghaiMs + 60_000);
        await station.SendAsync("telemetry", Telemetry(t: 38, doorOpen: true), Nov23NoonShanghaiMs + 120_000);
        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1,"ts":0,"type":"safety.trip","dev":"ebike1","reason":"overtemp","val":56.5,"lock":true}""", Nov23NoonShanghaiMs + 130_000);
        await station.WaitForAckAsync(station.Boot, 4);

        var active = await alarms.ListActiveAsync("gz-gy-0008");
        CollectionAssert.AreEquivalent(new[] { "temp.high", "safety.trip" }, active.Select(a => a.Code).ToArray());
        var history = await alarms.ListAsync("gz-gy-0008", 0, long.MaxValue);
        var dry = history.Single(a => a.Code == "dispenser.dry");
        Assert.AreEqual(2L, dry.Occurrences, "raised once, seen twice");
        Assert.AreEqual("cleared", dry.State);

        var trip = active.Single(a => a.Code == "safety.trip");
        Assert.AreEqual("crit", trip.Severity);
        Assert.IsTrue(await alarms.AcknowledgeAsync(trip.Id, "zhang.wei", "checked the socket"));
        Assert.IsFalse(await alarms.AcknowledgeAsync(trip.Id, "li.na", "again"));
        var acked = (await alarms.FindAsync(trip.Id))!;
        Assert.AreEqual("acknowledged", acked.State);
        Assert.AreEqual("zhang.wei", acked.AcknowledgedBy);

        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1,"ts":0,"type":"lockout.reset","dev":"ebike1"}""", Nov23NoonShanghaiMs + 200_000);
        await station.WaitForAckAsync(station.Boot, 5);
        Assert.AreEqual("cleared", (await alarms.FindAsync(trip.Id))!.State);

        // Door open for longer than the limit (30 min) raises door.left-open.
        await station.SendAsync("telemetry", Telemetry(doorOpen: true), Nov23NoonShanghaiMs + 120_000 + 31 * 60_000);
        await station.WaitForAckAsync(station.Boot, 6);
        Assert.IsTrue((await alarms.ListActiveAsync("gz-gy-0008")).Any(a => a.Code == "door.left-open" && a.DeviceId == "door1"));
        var devices = await bench.Gateway.Get<StationStatusService>().DevicesAsync("gz-gy-0008");
        Assert.AreEqual("open", devices.Single(d => d.DeviceId == "door1").Status);
    }

    [TestMethod]
    public async Task CommandsGoOutWithIdAndExpiryAndTheirResultsAreRecorded()
    {
        await using var bench = await StartAsync("gz-gy-0009");
        var station = await bench.ConnectAsync("gz-gy-0009");
        var commands = bench.Gateway.Get<CommandService>();
        var sent = await commands.SendAsync("gz-gy-0009", "outlet.disable", new JsonObject { ["dev"] = "ebike1" }, TimeSpan.FromMinutes(5), "zhang.wei");
        await station.WaitUntilAsync(() => station.Commands.Count == 1, what: "command delivered");
        var cmd = station.Commands.Single();
        Assert.AreEqual(sent.CommandId, cmd["id"]!.GetValue<string>());
        Assert.AreEqual("outlet.disable", cmd["name"]!.GetValue<string>());
        Assert.AreEqual("ebike1", cmd["args"]!["dev"]!.GetValue<string>());
        Assert.AreEqual(sent.ExpiresAtMs, cmd["exp"]!.GetValue<long>());

        await station.SendAsync("cmd/result", $$"""{"v":1,"boot":"x","seq":0,"up":1,"id":"{{sent.CommandId}}","ok":true,"code":"done","detail":"ebike1 disabled"}""");
        var done = await commands.WaitForResultAsync("gz-gy-0009", sent.CommandId, TimeSpan.FromSeconds(20));
        Assert.AreEqual("done", done!.ResultCode);
        Assert.AreEqual("done", done.State);
        Assert.AreEqual("ebike1 disabled", done.ResultDetail);
        Assert.AreEqual(1L, await bench.CountAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'command.send' AND actor = 'zhang.wei'"));
    }

    [TestMethod]
    public async Task GatewayStoppedMidStreamAndRestartedLosesAndDoublesNothing()
    {
        await using var bench = await StartAsync("gz-gy-0010");
        var station = await bench.ConnectAsync("gz-gy-0010");
        const int total = 60;
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                try
                {
                    await station.SendAsync("event", Visit(1), Nov23NoonShanghaiMs + i * 1000L);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException or OperationCanceledException)
                {
                    // The embedded broker went away: the message stays in the outbox for the replay.
                }
            }
        });
        await station.WaitForAckAsync(station.Boot, 10);
        await bench.StopGatewayAsync();
        await publishing;
        await bench.StartGatewayAsync();

        await using var again = UseMosquitto ? null : await TestStation.ConnectAsync("gz-gy-0010", bench.StationPort);
        var replayer = again ?? station;
        if (again != null)
        {
            await station.ReplayToAsync(again);
        }
        else
        {
            await station.ReplayAsync();
        }

        await replayer.WaitForAckAsync(station.Boot, total, TimeSpan.FromSeconds(30));
        Assert.AreEqual((long)total, await bench.CountAsync("SELECT COUNT(*) FROM messages WHERE station_id = 'gz-gy-0010'"));
        await bench.Gateway.Get<RollupService>().RecomputeDirtyAsync();
        var day = (await bench.Gateway.Get<RollupService>().GetDailyAsync("gz-gy-0010", new DateOnly(2025, 11, 23), new DateOnly(2025, 11, 23))).Single();
        Assert.AreEqual((long)total, day.Visits);
    }
}
