using System.Globalization;
using System.Text;
using Dapper;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;
using Stations.Gateway.Tests.Support;
using Stations.Testing;

namespace Stations.Gateway.Tests.Ingestion;

/// <summary>
/// The batch projection (state, devices and alarms applied in memory per batch, written once) must give exactly what
/// message-by-message application gives: the same stream written one message per batch, all in one batch and in random
/// batches ends in identical state, devices, alarm history, stored messages and acks.
/// </summary>
[TestClass]
public sealed class BatchProjectionTests
{
    internal static readonly string[] Stations = ["st-0201", "st-0202", "st-0203"];
    internal const long StartMs = 1_763_870_400_000; // 2025-11-23 04:00 UTC, noon in Shanghai.

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task AnyBatchingOfTheSameStreamEndsInTheSameStateDevicesAlarmsAndAcks(StorageKind kind)
    {
        var stream = Stream(seed: 11, count: 400);
        var one = await RunAsync(kind, "proj-one", stream, _ => 1);
        var all = await RunAsync(kind, "proj-all", stream, _ => stream.Count);
        var random = new Random(5);
        var mixed = await RunAsync(kind, "proj-mix", stream, _ => random.Next(1, 40));

        Assert.IsTrue(one.Alarms.Count > 20, "the stream raises and clears alarms: " + one.Alarms.Count);
        Assert.IsTrue(one.Alarms.Any(a => a.Contains("door.left-open", StringComparison.Ordinal)), "a door is left open long enough");
        Assert.IsTrue(one.Alarms.Any(a => a.EndsWith('|')), "some alarms are still active");
        foreach (var (name, other) in new[] { ("all in one batch", all), ("random batches", mixed) })
        {
            CollectionAssert.AreEqual(one.Stations, other.Stations, name + ": station_state");
            CollectionAssert.AreEqual(one.Devices, other.Devices, name + ": device_state");
            CollectionAssert.AreEqual(one.Alarms, other.Alarms, name + ": alarms");
            CollectionAssert.AreEqual(one.Acks, other.Acks, name + ": boot_acks");
            Assert.AreEqual(one.Messages, other.Messages, name + ": stored messages");
        }
    }

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task TwoGatewaysOnOneStoreTakingTurnsEndLikeOne(StorageKind kind)
    {
        // Each instance keeps the stations' state in memory between its batches; the other instance's writes bump the
        // version, so neither may project onto stale state (a missed alarm, a lost door-open time, a stale row).
        var stream = Stream(seed: 23, count: 300);
        var one = await RunAsync(kind, "proj-single", stream, _ => 1);
        var settings = await Settings(kind, "proj-pair");
        await using var first = await GatewayHost.StartAsync(settings);
        await using var second = await GatewayHost.StartAsync(settings);
        foreach (var station in Stations)
        {
            await first.RegisterAsync(station);
        }

        var stores = new[] { first.Get<IngestionStore>(), second.Get<IngestionStore>() };
        var random = new Random(3);
        for (var i = 0; i < stream.Count;)
        {
            var size = Math.Min(random.Next(1, 6), stream.Count - i);
            await stores[random.Next(2)].WriteAsync(stream.Skip(i).Take(size).Select(Validated).ToList(), CancellationToken.None);
            i += size;
        }

        var pair = await ReadAsync(first);
        CollectionAssert.AreEqual(one.Stations, pair.Stations, "station_state");
        CollectionAssert.AreEqual(one.Devices, pair.Devices, "device_state");
        CollectionAssert.AreEqual(one.Alarms, pair.Alarms, "alarms");
        CollectionAssert.AreEqual(one.Acks, pair.Acks, "boot_acks");
        Assert.AreEqual(one.Messages, pair.Messages, "stored messages");
    }

    [TestMethod]
    public async Task AStationMarkedOfflineByThePresenceCheckBetweenBatchesIsSeenOffline()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(StartMs));
        await using var host = await GatewayHost.StartAsync(await Settings(StorageKind.Sqlite, "proj-presence"), time: time);
        await host.RegisterAsync(Stations[0]);
        var store = host.Get<IngestionStore>();
        await store.WriteAsync([Validated(Door(Stations[0], "0000000a", 1, StartMs, open: false))], CancellationToken.None);

        time.Advance(TimeSpan.FromHours(1));
        CollectionAssert.AreEqual(new[] { Stations[0] }, (await host.Get<DeviceState.PresenceMonitor>().CheckAsync()).ToArray());
        var alarms = host.Get<Alarms.AlarmService>();
        Assert.AreEqual("station.offline", (await alarms.ListActiveAsync(Stations[0])).Single().Code);

        // The next batch must see the station offline (not the online state it remembers) and so clear the alarm.
        await store.WriteAsync([Validated(Door(Stations[0], "0000000a", 2, StartMs + 3_600_000, open: false))], CancellationToken.None);
        Assert.AreEqual(0, (await alarms.ListActiveAsync(Stations[0])).Count);
        var status = (await host.Get<DeviceState.StationStatusService>().FindAsync(Stations[0]))!;
        Assert.AreEqual(1L, status.Online);
        Assert.IsNull(status.OfflineReason);
    }

    [TestMethod]
    public async Task AcksFollowTheContiguousRuleThroughGapsDuplicatesAndAFreshProcess()
    {
        var settings = await Settings(StorageKind.Sqlite, "proj-acks");
        await using (var host = await GatewayHost.StartAsync(settings))
        {
            await host.RegisterAsync(Stations[0]);
            var store = host.Get<IngestionStore>();
            async Task<long> AckAfter(params long[] seqs)
            {
                var written = await store.WriteAsync(seqs.Select(s => Validated(Door(Stations[0], "0000000a", s, StartMs + s * 1000, open: false))).ToList(), CancellationToken.None);
                return written.Acks.Single().Seq;
            }

            Assert.AreEqual(1L, await AckAfter(1));
            Assert.AreEqual(2L, await AckAfter(2));
            Assert.AreEqual(2L, await AckAfter(4), "gap at 3");
            Assert.AreEqual(2L, await AckAfter(6), "still a gap at 3 (and 5)");
            Assert.AreEqual(4L, await AckAfter(3), "3 fills the gap up to the 4 stored before");
            Assert.AreEqual(4L, await AckAfter(2, 3), "duplicates are covered, not past the gap at 5");
            Assert.AreEqual(6L, await AckAfter(5));
            Assert.AreEqual(8L, await AckAfter(8, 7));
        }

        // A new process knows nothing in memory: it reads the stored ack and seqs.
        await using var again = await GatewayHost.StartAsync(settings);
        var restarted = again.Get<IngestionStore>();
        var next = await restarted.WriteAsync([Validated(Door(Stations[0], "0000000a", 10, StartMs + 10_000, open: false))], CancellationToken.None);
        Assert.AreEqual(8L, next.Acks.Single().Seq);
        next = await restarted.WriteAsync([Validated(Door(Stations[0], "0000000a", 9, StartMs + 9_000, open: false))], CancellationToken.None);
        Assert.AreEqual(10L, next.Acks.Single().Seq);
    }

    internal sealed record Outcome(List<string> Stations, List<string> Devices, List<string> Alarms, List<string> Acks, string Messages);

    internal static async Task<Outcome> RunAsync(StorageKind kind, string name, List<IncomingMessage> stream, Func<int, int> batchSize)
    {
        await using var host = await GatewayHost.StartAsync(await Settings(kind, name));
        foreach (var station in Stations)
        {
            await host.RegisterAsync(station);
        }

        var store = host.Get<IngestionStore>();
        for (var i = 0; i < stream.Count;)
        {
            var size = Math.Min(batchSize(i), stream.Count - i);
            await store.WriteAsync(stream.Skip(i).Take(size).Select(Validated).ToList(), CancellationToken.None);
            i += size;
        }

        return await ReadAsync(host);
    }

    /// <summary>Storage settings with the presence check out of the way (it would mark the 2025 stations offline at a random moment).</summary>
    internal static async Task<Dictionary<string, string?>> Settings(StorageKind kind, string name)
    {
        var settings = await GatewayHost.StorageSettingsAsync(kind, name);
        settings["Gateway:State:PresenceCheckSeconds"] = "86400";
        return settings;
    }

    internal static async Task<Outcome> ReadAsync(GatewayHost host)
    {
        await using var c = await host.Get<StationDatabase>().OpenAsync();
        var stations = (await c.QueryAsync<(string, long, string?, string?, string?, long, long, long, long, long, long, string?)>(
            """
            SELECT station_id, online, boot, firmware_version, config_hash, safe_mode, telemetry_period_s, is_open, last_seen_ms, last_status_ms,
                last_telemetry_ts_ms, offline_reason FROM station_state ORDER BY station_id
            """)).Select(r => r.ToString()).ToList();
        var devices = (await c.QueryAsync<(string, string, string, string, long, string, long, long)>(
            "SELECT station_id, device_id, kind, status, healthy, detail_json, status_since_ms, updated_at_ms FROM device_state ORDER BY station_id, device_id"))
            .Select(r => r.ToString()).ToList();
        var alarms = (await c.QueryAsync<(string, string, string, string, string, string?, long, long, long, long?)>(
            """
            SELECT station_id, code, device_id, severity, source, detail, raised_at_ms, last_seen_ms, occurrences, cleared_at_ms FROM alarms
            ORDER BY station_id, code, device_id, raised_at_ms
            """)).Select(r => string.Join("|", r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7, r.Item8, r.Item9, r.Item10)).ToList();
        var acks = (await c.QueryAsync<(string, string, long)>("SELECT station_id, boot, acked_seq FROM boot_acks ORDER BY station_id, boot"))
            .Select(r => r.ToString()).ToList();
        var messages = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages") + " rows, seq sum "
            + await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(seq), 0) FROM messages");
        return new Outcome(stations, devices, alarms, acks, messages);
    }

    /// <summary>A seeded stream over three stations: births and wills, telemetry with changing devices, events, replays and late data.</summary>
    internal static List<IncomingMessage> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var seqs = Stations.ToDictionary(s => s, _ => 0L);
        var boots = Stations.ToDictionary(s => s, _ => "0000000a");
        var sent = new List<IncomingMessage>();
        var doorOpen = Stations.ToDictionary(s => s, _ => false);
        var now = StartMs;
        foreach (var station in Stations)
        {
            sent.Add(Status(station, boots[station], "online", now));
        }

        while (sent.Count < count)
        {
            now += random.Next(30_000, 8 * 60_000);
            var station = Stations[random.Next(Stations.Length)];
            var roll = random.Next(100);
            if (roll < 3)
            {
                sent.Add(Status(station, boots[station], "offline", now));
                boots[station] = ((int.Parse(boots[station], NumberStyles.HexNumber, CultureInfo.InvariantCulture) + 1) & 0x7fffffff).ToString("x8", CultureInfo.InvariantCulture);
                seqs[station] = 0;
                sent.Add(Status(station, boots[station], "online", now + 1_000));
                continue;
            }

            if (roll < 8 && sent.Count > 10)
            {
                sent.Add(sent[random.Next(sent.Count)]); // A replay (or a repeated status).
                continue;
            }

            var seq = ++seqs[station];
            var ts = roll < 12 ? now - random.Next(1, 3_600_000) : now; // Some late data.
            if (roll < 30)
            {
                sent.Add(EventFor(station, boots[station], seq, ts, random));
                continue;
            }

            if (random.Next(6) == 0)
            {
                doorOpen[station] = !doorOpen[station];
            }

            var t = 20 + random.NextDouble() * 20;
            var probe2 = random.Next(8) == 0 ? "{\"id\":\"probe2\",\"err\":\"fault\"}" : "{\"id\":\"probe2\",\"t\":" + (t - 2).ToString("0.0", CultureInfo.InvariantCulture) + ",\"rh\":50}";
            var disp = random.Next(6) switch { 0 => "dry", 1 => "leak", _ => "ok" };
            var outlet = random.Next(5) switch { 0 => "locked", 1 => "on", _ => "idle" };
            var json = "{\"v\":1,\"boot\":\"" + boots[station] + "\",\"seq\":" + seq + ",\"up\":" + (seq * 60_000) + ",\"ts\":" + ts
                + ",\"open\":" + (random.Next(4) != 0 ? "true" : "false") + ",\"cnt\":{\"vis\":1,\"l\":0.5,\"ses\":0,\"wh\":0}"
                + ",\"clim\":[{\"id\":\"probe1\",\"t\":" + t.ToString("0.0", CultureInfo.InvariantCulture) + ",\"rh\":55}," + probe2 + "]"
                + ",\"door\":[{\"id\":\"door1\",\"open\":" + (doorOpen[station] ? "true" : "false") + "}]"
                + ",\"disp\":[{\"id\":\"water1\",\"valve\":false,\"st\":\"" + disp + "\"}]"
                + ",\"out\":[{\"id\":\"ebike1\",\"st\":\"" + outlet + "\",\"w\":" + (outlet == "on" ? "180.5" : "0") + "}]"
                + ",\"hvac\":[{\"id\":\"ac1\",\"on\":" + (t > 30 ? "true" : "false") + ",\"mode\":\"cool\"}],\"q\":0}";
            sent.Add(Message(station, "telemetry", json, now));
        }

        return sent;
    }

    static IncomingMessage EventFor(string station, string boot, long seq, long ts, Random random)
    {
        var head = "{\"v\":1,\"boot\":\"" + boot + "\",\"seq\":" + seq + ",\"up\":" + (seq * 60_000) + ",\"ts\":" + ts + ",";
        var body = random.Next(7) switch
        {
            0 => "\"type\":\"safety.trip\",\"dev\":\"ebike1\",\"reason\":\"overtemp\",\"val\":56.5,\"lock\":true}",
            1 => "\"type\":\"lockout.reset\",\"dev\":\"ebike1\"}",
            2 => "\"type\":\"alarm.raise\",\"code\":\"relay.stuck\",\"dev\":\"water1\",\"sev\":\"crit\",\"val\":1}",
            3 => "\"type\":\"alarm.clear\",\"code\":\"relay.stuck\",\"dev\":\"water1\"}",
            4 => "\"type\":\"config.applied\",\"cfg\":\"0000000" + random.Next(3) + "\"}",
            5 => "\"type\":\"boot\",\"fw\":\"1.2." + random.Next(3) + "\",\"safe\":" + (random.Next(5) == 0 ? "true" : "false") + ",\"reason\":\"power\",\"store\":\"ok\"}",
            _ => "\"type\":\"door.open\",\"dev\":\"door1\"}",
        };
        return Message(station, "event", head + body, ts + 500);
    }

    static IncomingMessage Status(string station, string boot, string state, long at) =>
        Message(station, "status", state == "online"
            ? "{\"v\":1,\"boot\":\"" + boot + "\",\"up\":0,\"ts\":" + at + ",\"state\":\"online\",\"fw\":\"1.2.0\",\"cfg\":\"5d41402a\",\"safe\":false,\"tel\":60}"
            : "{\"v\":1,\"boot\":\"" + boot + "\",\"state\":\"offline\"}", at);

    static IncomingMessage Door(string station, string boot, long seq, long ts, bool open) =>
        Message(station, "event", "{\"v\":1,\"boot\":\"" + boot + "\",\"seq\":" + seq + ",\"up\":" + (seq * 1000) + ",\"ts\":" + ts + ",\"type\":\"" + (open ? "door.open\",\"dev\":\"door1\"}" : "door.close\",\"dev\":\"door1\",\"durMs\":1000}"), ts);

    static IncomingMessage Message(string station, string kind, string json, long receivedAtMs) =>
        new("ss/v1/" + station + "/" + kind, Encoding.UTF8.GetBytes(json), receivedAtMs);

    internal static (IncomingMessage, ValidationResult) Validated(IncomingMessage message)
    {
        var result = MessageValidator.Validate(message.Topic, message.Payload);
        Assert.IsTrue(result.IsValid, message.Topic + ": " + result.Reason + " " + Encoding.UTF8.GetString(message.Payload));
        return (message, result);
    }
}
