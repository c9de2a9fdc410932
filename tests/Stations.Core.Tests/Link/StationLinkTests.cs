using System.Text.Json;
using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

[TestClass]
public sealed class StationLinkTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [TestMethod]
    public void ConnectsWithWillThenPublishesRetainedBirthAndSubscribes()
    {
        var rig = new LinkRig();
        rig.Run(100);
        Assert.IsTrue(rig.Runtime.IsOnline);
        var will = Parse(System.Text.Encoding.UTF8.GetString(rig.Link.Will!));
        Assert.AreEqual("offline", will.GetProperty("state").GetString());
        Assert.AreEqual(rig.Runtime.BootId, will.GetProperty("boot").GetString());
        Assert.AreEqual(false, rig.Link.CleanSession);
        CollectionAssert.AreEquivalent(new[] { "ss/v1/gz-gy-0001/cmd", "ss/v1/gz-gy-0001/ack" }, rig.Link.Subscriptions);

        var birth = rig.Link.Published[0];
        Assert.AreEqual("ss/v1/gz-gy-0001/status", birth.Topic);
        Assert.IsTrue(birth.Retain);
        var b = Parse(birth.Payload);
        Assert.AreEqual("online", b.GetProperty("state").GetString());
        Assert.AreEqual("1.0.0", b.GetProperty("fw").GetString());
        Assert.AreEqual("5d41402a", b.GetProperty("cfg").GetString());
        Assert.AreEqual(60, b.GetProperty("tel").GetInt32());
        Assert.IsFalse(b.GetProperty("safe").GetBoolean());
        Assert.IsFalse(b.TryGetProperty("ts", out _), "no ts before the clock is synced");
        Assert.IsFalse(b.TryGetProperty("seq", out _), "status carries no seq");
        StringAssert.Matches(rig.Runtime.BootId, new System.Text.RegularExpressions.Regex("^[0-9a-f]{8}$"));
    }

    [TestMethod]
    public void ReconnectResubscribesAndRepublishesBirth()
    {
        var rig = new LinkRig();
        rig.Run(1000);
        rig.Link.Drop();
        rig.RunUntil(() => rig.Link.Connects == 2 && rig.Runtime.IsOnline, 60_000);
        Assert.AreEqual(4, rig.Link.Subscriptions.Count, "cmd and ack again after the reconnect");
        Assert.AreEqual(2, rig.Link.Published.Count(p => p.Topic.EndsWith("/status", StringComparison.Ordinal) && p.Payload.Contains("online", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void BirthIsRepublishedWhenConfigChanges()
    {
        var rig = new LinkRig();
        rig.Run(1000);
        rig.Station.ConfigHash = "0badc0de";
        rig.Station.TelemetryPeriodSeconds = 30;
        rig.Run(200);
        var birth = Parse(rig.Link.Published.Last(p => p.Topic.EndsWith("/status", StringComparison.Ordinal)).Payload);
        Assert.AreEqual("0badc0de", birth.GetProperty("cfg").GetString());
        Assert.AreEqual(30, birth.GetProperty("tel").GetInt32());
        Assert.AreEqual(2, rig.Link.Published.Count(p => p.Topic.EndsWith("/status", StringComparison.Ordinal)), "once, not every tick");
    }

    [TestMethod]
    public void CleanShutdownPublishesOfflineRetained()
    {
        var rig = new LinkRig();
        rig.Run(1000);
        rig.Runtime.Shutdown();
        var last = rig.Link.Published[^1];
        Assert.IsTrue(last.Retain);
        Assert.AreEqual("{\"v\":1,\"boot\":\"" + rig.Runtime.BootId + "\",\"state\":\"offline\"}", last.Payload);
        Assert.IsFalse(rig.Link.IsConnected);
    }

    [TestMethod]
    public void BootEventComesFirstThenTelemetryEveryPeriodWithSeqFromOne()
    {
        var rig = new LinkRig();
        rig.Run(170_000);
        var boot = rig.Gateway.Stored[(rig.Runtime.BootId, 1)];
        Assert.AreEqual("boot", boot.GetProperty("type").GetString());
        Assert.AreEqual("power", boot.GetProperty("reason").GetString());
        Assert.AreEqual("ok", boot.GetProperty("store").GetString());
        var telemetry = rig.Link.Published.Where(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(p => Parse(p.Payload)).ToList();
        Assert.AreEqual(3, telemetry.Count, "at 0.1 s, 60.1 s and 120.1 s");
        CollectionAssert.AreEqual(new[] { 2, 3, 4 }, telemetry.Select(t => t.GetProperty("seq").GetInt32()).ToArray());
        Assert.IsTrue(telemetry.All(t => t.GetProperty("v").GetInt32() == 1 && t.TryGetProperty("up", out _) && !t.TryGetProperty("ts", out _)));
        Assert.IsTrue(telemetry.All(t => t.TryGetProperty("q", out _) && t.GetProperty("open").GetBoolean()));
        Assert.AreEqual(0, rig.Runtime.Outbox.RecordCount, "everything acked and deleted");
    }

    [TestMethod]
    public void ExtraSnapshotsAfterImportantChangesAreRateLimited()
    {
        var rig = new LinkRig();
        rig.Run(1000);
        int before = rig.Link.Published.Count(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal));
        for (int i = 0; i < 300; i++) // 30 s of changes on every tick
        {
            rig.Station.ImportantChangePending = true;
            rig.Run(100);
        }

        int extra = rig.Link.Published.Count(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal)) - before;
        Assert.IsTrue(extra is >= 2 and <= 3, $"at most one extra per 10 s, got {extra}");
    }

    [TestMethod]
    public void ClockSyncIsReportedAndStampsTsWithoutBreakingTimers()
    {
        var rig = new LinkRig();
        rig.Run(5_000);
        rig.Clock.IsSynced = true;
        rig.Run(1_000);
        rig.Clock.WallOffsetMs -= 3_600_000; // SNTP steps the wall clock back an hour
        rig.Run(120_000);
        var synced = rig.Gateway.Events("time.synced").ToList();
        Assert.AreEqual(2, synced.Count);
        Assert.AreEqual(0, synced[0].GetProperty("skewMs").GetInt64());
        Assert.AreEqual(-3_600_000, synced[1].GetProperty("skewMs").GetInt64());
        Assert.IsTrue(synced.All(s => s.TryGetProperty("ts", out _)));
        int telemetry = rig.Link.Published.Count(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal));
        Assert.AreEqual(3, telemetry, "the telemetry timer runs on uptime, not on the wall clock");
    }

    [TestMethod]
    public void TwentyFourHourOutageIsReplayedCompletelyOldestFirstAtABoundedRate()
    {
        var rig = new LinkRig();
        rig.Link.BrokerUp = false;
        long outageMs = 24L * 3600 * 1000;
        long end = rig.Clock.UptimeMs + outageMs;
        while (rig.Clock.UptimeMs < end)
        {
            rig.Clock.UptimeMs += 1000;
            if (rig.Clock.UptimeMs % 600_000 == 0) rig.Runtime.Events.DoorOpened("door1");
            rig.Runtime.Tick();
        }

        Assert.IsTrue(rig.Link.ConnectTimes.Count < 24 * 3600 / 150 + 20, $"backoff keeps attempts rare: {rig.Link.ConnectTimes.Count}");
        int stored = rig.Runtime.Outbox.RecordCount;
        Assert.IsTrue(stored >= 1440 + 144, $"a day of telemetry and events fits: {stored}");
        Assert.IsTrue(rig.Runtime.Outbox.UsedBytes <= rig.Settings.OutboxBudgetBytes);

        rig.Link.BrokerUp = true;
        long reconnectAt = rig.Clock.UptimeMs;
        int lastBeforeReconnect = rig.Runtime.LastSeq;
        int publishedBefore = rig.Link.Published.Count;
        int maxInFlight = 0;
        rig.RunUntil(() =>
        {
            maxInFlight = Math.Max(maxInFlight, rig.Runtime.InFlight);
            return rig.Runtime.Outbox.RecordCount == 0;
        }, 20 * 60_000, 50);

        Assert.AreEqual(0, rig.Gateway.Duplicates);
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.Stored.Count, "every seq arrived exactly once");
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.HighestContiguous(rig.Runtime.BootId));
        Assert.IsTrue(maxInFlight <= 16);

        var replay = rig.Link.Published.Skip(publishedBefore).Where(p => !p.Topic.EndsWith("/status", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(replay.Count >= stored);
        long replayMs = replay[^1].AtMs - reconnectAt;
        Assert.IsTrue(replay.Count <= (replayMs * 20 / 1000) + 20, $"{replay.Count} messages in {replayMs} ms exceeds 20/s");
        foreach (var window in replay.Select(p => p.AtMs))
        {
            int inOneSecond = replay.Count(p => p.AtMs >= window && p.AtMs < window + 1000);
            Assert.IsTrue(inOneSecond <= 40, $"burst of {inOneSecond} in one second");
        }

        var seqs = replay.Select(p => Parse(p.Payload).GetProperty("seq").GetInt32()).Where(s => s <= lastBeforeReconnect).ToList();
        Assert.AreEqual(lastBeforeReconnect, seqs.Count);
        CollectionAssert.AreEqual(seqs.OrderBy(s => s).ToList(), seqs, "old records go oldest first");
    }

    [TestMethod]
    public void LiveMessagesAreInterleavedWithTheReplay()
    {
        var rig = new LinkRig();
        rig.Link.BrokerUp = false;
        rig.Run(3 * 3600_000, 1000); // 180 snapshots waiting
        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline, 600_000, 100);
        rig.Run(2000, 100);
        int lastSeqBefore = rig.Runtime.LastSeq;
        rig.Runtime.Events.DoorOpened("door1");
        rig.Run(200, 100);
        Assert.IsTrue(rig.Gateway.Stored.ContainsKey((rig.Runtime.BootId, lastSeqBefore + 1)), "the live event went out within 0.2 s");
        Assert.IsTrue(rig.Runtime.Outbox.RecordCount > 100, "while the replay is still running");
    }

    [TestMethod]
    public void WindowLimitsUnackedMessagesAndSilenceTriggersAResend()
    {
        var rig = new LinkRig();
        rig.Link.BrokerUp = false;
        rig.Run(3600_000, 1000);
        rig.Gateway.Acking = false;
        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline, 600_000);
        rig.Run(5_000);
        Assert.AreEqual(16, rig.Runtime.InFlight);
        Assert.AreEqual(16, rig.Gateway.Stored.Count, "nothing beyond the window is sent without acks");
        rig.Run(30_000);
        Assert.IsTrue(rig.Gateway.Duplicates >= 15, "after 30 s without acks the unacked ones are sent again");
        rig.Gateway.Acking = true;
        rig.RunUntil(() => rig.Runtime.Outbox.RecordCount == 0, 600_000);
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.Stored.Count);
    }

    [TestMethod]
    public void ReconnectStormBacksOffExponentiallyWithJitterAndLosesNothing()
    {
        var rig = new LinkRig();
        rig.Link.DropRightAfterConnect = true;
        rig.Run(3600_000, 100);
        var times = rig.Link.ConnectTimes;
        Assert.IsTrue(times.Count is > 5 and < 30, $"attempts in an hour of flapping: {times.Count}");
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.IsTrue(gaps.Skip(10).All(g => g >= 150_000 - 200), "capped delay is at least half of 300 s");
        Assert.IsTrue(gaps.Take(5).Zip(gaps.Skip(1).Take(5), (a, b) => b >= a / 2).All(x => x), "delays grow");

        rig.Link.DropRightAfterConnect = false;
        rig.RunUntil(() => rig.Runtime.IsOnline && rig.Runtime.Outbox.RecordCount == 0, 900_000);
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.Stored.Count);
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.HighestContiguous(rig.Runtime.BootId));
    }

    [TestMethod]
    public void JitterSpreadsAFleetReconnectingTogether()
    {
        var first = new List<long>();
        for (int seed = 1; seed <= 20; seed++)
        {
            var backoff = new ReconnectBackoff(new SeededRandom(seed), 1000, 300_000);
            for (int i = 0; i < 8; i++) backoff.NextDelayMs();
            first.Add(backoff.NextDelayMs());
        }

        Assert.IsTrue(first.Distinct().Count() > 15, "delays differ between stations");
        Assert.IsTrue(first.All(d => d is >= 128_000 and <= 256_000));
    }

    [TestMethod]
    public void DuplicateOutOfOrderAndUnknownAcksAreHarmless()
    {
        var rig = new LinkRig();
        rig.Gateway.Acking = false;
        rig.Link.BrokerUp = false;
        rig.Run(20 * 60_000, 1000); // 21 records: boot + 20 snapshots
        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline, 600_000);
        string ack = "ss/v1/gz-gy-0001/ack";
        string boot = rig.Runtime.BootId;
        rig.Link.Deliver(ack, "{\"boot\":\"" + boot + "\",\"seq\":10}");
        rig.Link.Deliver(ack, "{\"boot\":\"" + boot + "\",\"seq\":4}");
        rig.Link.Deliver(ack, "{\"boot\":\"" + boot + "\",\"seq\":10}");
        rig.Link.Deliver(ack, "{\"boot\":\"0badc0de\",\"seq\":999}");
        rig.Link.Deliver(ack, "{\"boot\":\"" + boot + "\",\"seq\":\"x\"}");
        rig.Link.Deliver(ack, "not json");
        rig.Run(200);
        Assert.IsTrue(rig.Runtime.Outbox.IsAcked(rig.Runtime.Outbox.RecordCount > 0 ? 0u : 0u, 0) == false);
        Assert.AreEqual(rig.Runtime.LastSeq - 10, CountUnacked(rig), "records 1..10 covered, the rest kept");
        rig.Gateway.Acking = true;
        rig.RunUntil(() => rig.Runtime.Outbox.RecordCount == 0, 600_000);
    }

    private static List<int> ReadSeqs(LinkRig rig)
    {
        var cursor = new OutboxCursor();
        var record = new OutboxRecord();
        rig.Runtime.Outbox.MoveToStart(cursor);
        var list = new List<int>();
        while (rig.Runtime.Outbox.ReadAt(cursor, record)) { list.Add(record.Seq); rig.Runtime.Outbox.Advance(cursor, record); }
        return list;
    }

    private static int CountUnacked(LinkRig rig)
    {
        var cursor = new OutboxCursor();
        var record = new OutboxRecord();
        rig.Runtime.Outbox.MoveToStart(cursor);
        int n = 0;
        while (rig.Runtime.Outbox.ReadAt(cursor, record)) { n++; rig.Runtime.Outbox.Advance(cursor, record); }
        return n;
    }

    [TestMethod]
    public void RecordsOfThePreviousBootSurviveARebootAndGoOnlyWithTheirOwnAck()
    {
        var rig = new LinkRig();
        rig.Link.BrokerUp = false;
        rig.Run(10 * 60_000, 1000);
        string oldBoot = rig.Runtime.BootId;
        int oldLast = rig.Runtime.LastSeq;
        rig.Boot("watchdog");
        Assert.AreNotEqual(oldBoot, rig.Runtime.BootId);
        Assert.AreEqual(oldLast, rig.Runtime.Outbox.RecordCount - 1, "old records plus the new boot event");

        rig.Gateway.Acking = false;
        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline, 600_000);
        rig.Link.Deliver("ss/v1/gz-gy-0001/ack", "{\"boot\":\"" + rig.Runtime.BootId + "\",\"seq\":1000}");
        rig.Run(200);
        Assert.AreEqual(oldLast, CountUnacked(rig), "an ack for the new boot leaves the old boot's records");
        rig.Gateway.Acking = true;
        rig.RunUntil(() => rig.Runtime.Outbox.RecordCount == 0, 600_000);
        Assert.AreEqual(oldLast, rig.Gateway.HighestContiguous(oldBoot));
        Assert.AreEqual("watchdog", rig.Gateway.Events("boot").Single(e => e.GetProperty("boot").GetString() == rig.Runtime.BootId).GetProperty("reason").GetString());
    }

    [TestMethod]
    public void FullOutboxDropsOldestTelemetryKeepsEventsAndReportsTheGap()
    {
        var settings = new LinkSettings { StationId = LinkRig.StationId, OutboxBudgetBytes = 16 * Outbox.BlockBytes, SlotsPerSegment = 32 };
        var rig = new LinkRig(settings: settings);
        rig.Link.BrokerUp = false;
        int doors = 0;
        long end = rig.Clock.UptimeMs + (12L * 3600 * 1000);
        while (rig.Clock.UptimeMs < end)
        {
            rig.Clock.UptimeMs += 1000;
            if (rig.Clock.UptimeMs % 900_000 == 0) { rig.Runtime.Events.DoorOpened("door1"); doors++; }
            rig.Runtime.Tick();
            Assert.IsTrue(rig.Runtime.Outbox.UsedBytes <= settings.OutboxBudgetBytes);
        }

        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline && rig.Runtime.Outbox.RecordCount == 0, 3600_000);
        string boot = rig.Runtime.BootId;
        Assert.AreEqual(doors, rig.Gateway.Events("door.open").Count(), "no event lost");
        var dropped = rig.Gateway.Events("outbox.dropped").ToList();
        Assert.IsTrue(dropped.Count > 0);
        Assert.IsTrue(dropped.All(d => d.GetProperty("reason").GetString() == "full" && d.GetProperty("lostBoot").GetString() == boot));
        var lostSeqs = new HashSet<int>();
        foreach (var d in dropped)
            for (int s = d.GetProperty("from").GetInt32(); s <= d.GetProperty("to").GetInt32(); s++) lostSeqs.Add(s);
        var received = rig.Gateway.Stored.Keys.Where(k => k.Boot == boot).Select(k => k.Seq).ToHashSet();
        var telemetrySeqs = rig.Gateway.Stored.Where(kv => kv.Value.TryGetProperty("q", out _)).Select(kv => kv.Key.Seq).ToList();
        for (int s = 1; s <= rig.Runtime.LastSeq; s++)
            Assert.IsTrue(received.Contains(s) || lostSeqs.Contains(s), $"seq {s} neither received nor declared lost");
        Assert.IsTrue(lostSeqs.Min() < telemetrySeqs.Min(), "the oldest telemetry went first");
        Assert.IsTrue(dropped.Sum(d => d.GetProperty("n").GetInt32()) == rig.Runtime.LastSeq - received.Count);
        Assert.AreEqual(rig.Runtime.LastSeq, rig.Gateway.HighestContiguous(boot), "the gateway's contiguous ack is not stalled");
    }

    [TestMethod]
    public void CorruptRecordFoundAtStartIsReportedAndTheStoreSaysRecovered()
    {
        var rig = new LinkRig();
        rig.Link.BrokerUp = false;
        rig.Run(10 * 60_000, 1000);
        string oldBoot = rig.Runtime.BootId;
        int oldLast = rig.Runtime.LastSeq;
        string segment = rig.Store.Names.Single(n => n.EndsWith(".seg", StringComparison.Ordinal));
        byte[] bytes = rig.Store.Bytes(segment);
        int recordStart = 0;
        var record = new OutboxRecord();
        for (int i = 0; i < 3; i++) { record.TryDecodeHeader(bytes, recordStart, out _); recordStart += record.Slots * OutboxRecord.SlotBytes; }
        record.TryDecodeHeader(bytes, recordStart, out _);
        int corruptSeq = record.Seq;
        bytes[recordStart + OutboxRecord.HeaderBytes + 5] ^= 0x20;
        rig.Store.SetBytes(segment, bytes);

        rig.Boot("power");
        rig.Link.BrokerUp = true;
        rig.RunUntil(() => rig.Runtime.IsOnline && rig.Runtime.Outbox.RecordCount == 0, 600_000);
        var bootEvent = rig.Gateway.Events("boot").Single(e => e.GetProperty("boot").GetString() == rig.Runtime.BootId);
        Assert.AreEqual("recovered", bootEvent.GetProperty("store").GetString());
        var dropped = rig.Gateway.Events("outbox.dropped").Single();
        Assert.AreEqual(oldBoot, dropped.GetProperty("lostBoot").GetString());
        Assert.AreEqual(corruptSeq, dropped.GetProperty("from").GetInt32());
        Assert.AreEqual(corruptSeq, dropped.GetProperty("to").GetInt32());
        Assert.AreEqual("corrupt", dropped.GetProperty("reason").GetString());
        Assert.AreEqual(oldLast, rig.Gateway.HighestContiguous(oldBoot));
        Assert.IsFalse(rig.Gateway.Stored.ContainsKey((oldBoot, corruptSeq)));
    }

    [TestMethod]
    public void PowerLossMidAppendLosesAtMostThatRecordAndNothingIsCountedTwice()
    {
        for (long cut = 0; cut < 400; cut += 7)
        {
            var rig = new LinkRig();
            rig.Link.BrokerUp = false;
            rig.Run(5 * 60_000, 1000);
            string oldBoot = rig.Runtime.BootId;
            int completed = rig.Runtime.Outbox.RecordCount;
            rig.Store.CutPowerAfter(cut);
            rig.Runtime.Events.DoorOpened("door1");
            rig.Store.PowerOn();
            rig.Boot("power");
            rig.Link.BrokerUp = true;
            rig.RunUntil(() => rig.Runtime.IsOnline && rig.Runtime.Outbox.RecordCount == 0, 600_000);
            int got = rig.Gateway.Stored.Keys.Count(k => k.Boot == oldBoot);
            Assert.IsTrue(got == completed || got == completed + 1, $"cut {cut}: {got} of {completed}");
            Assert.AreEqual(0, rig.Gateway.Duplicates);
        }
    }
}
