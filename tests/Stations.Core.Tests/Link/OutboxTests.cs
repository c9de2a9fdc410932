using System.Collections;
using System.Text;
using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

[TestClass]
public sealed class OutboxTests
{
    private const uint BootA = 0x9f3a1c07;
    private const uint BootB = 0x12345678;
    private const int SmallBudget = 20 * Outbox.BlockBytes; // 16 segments of 1 block each after reserves
    private const int SmallSegment = 32; // 32 slots of 128 B = one 4 KB block

    internal static byte[] Payload(uint boot, int seq, int size = 60)
    {
        var text = new StringBuilder("{\"boot\":\"" + boot.ToString("x8") + "\",\"seq\":" + seq);
        while (text.Length < size - 1) text.Append(' ');
        text.Append('}');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static Outbox Open(IFlashStore store, ArrayList? reports = null, int budget = SmallBudget, int segment = SmallSegment)
    {
        var outbox = new Outbox(store, budget, segment);
        outbox.Open(reports ?? new ArrayList());
        return outbox;
    }

    internal static void Append(Outbox outbox, uint boot, int seq, byte kind = OutboxRecordKind.Event, int size = 60)
    {
        byte[] p = Payload(boot, seq, size);
        Assert.IsTrue(outbox.Append(kind, boot, seq, p, 0, p.Length, false), $"append {seq}");
    }

    internal static List<(uint Boot, int Seq, byte Kind)> ReadAll(Outbox outbox)
    {
        var list = new List<(uint, int, byte)>();
        var cursor = new OutboxCursor();
        var record = new OutboxRecord();
        outbox.MoveToStart(cursor);
        while (outbox.ReadAt(cursor, record))
        {
            string text = Encoding.UTF8.GetString(record.Payload, 0, record.PayloadLength);
            StringAssert.Contains(text, "\"seq\":" + record.Seq, "payload matches header");
            list.Add((record.Boot, record.Seq, record.Kind));
            outbox.Advance(cursor, record);
        }

        return list;
    }

    [TestMethod]
    public void RecordsComeBackInOrderAfterReopen()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        for (int seq = 1; seq <= 100; seq++) Append(outbox, BootA, seq, seq % 3 == 0 ? OutboxRecordKind.Telemetry : OutboxRecordKind.Event);
        Assert.IsTrue(outbox.SegmentCount > 1);
        var reopened = Open(store);
        CollectionAssert.AreEqual(Enumerable.Range(1, 100).ToList(), ReadAll(reopened).Select(r => r.Seq).ToList());
        Assert.AreEqual(100, reopened.RecordCount);
        Assert.IsFalse(reopened.Recovered);
    }

    [TestMethod]
    public void LargestPayloadRoundTrips()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        Append(outbox, BootA, 1, OutboxRecordKind.Telemetry, 1024);
        var record = new OutboxRecord();
        var cursor = new OutboxCursor();
        outbox.MoveToStart(cursor);
        Assert.IsTrue(outbox.ReadAt(cursor, record));
        Assert.AreEqual(1024, record.PayloadLength);
        Assert.AreEqual(OutboxRecord.MaxSlots, record.Slots);
    }

    [TestMethod]
    public void AckDeletesOnlyWholeCoveredSegmentsOfThatBoot()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        for (int seq = 1; seq <= 40; seq++) Append(outbox, BootA, seq); // 1 slot each: segment 1 = 1..32, segment 2 = 33..40
        Assert.AreEqual(2, outbox.SegmentCount);
        Assert.IsFalse(outbox.Ack(BootB, 1000), "unknown boot changes nothing");
        Assert.IsTrue(outbox.Ack(BootA, 31));
        Assert.AreEqual(2, outbox.SegmentCount, "segment 1 still holds seq 32");
        Assert.AreEqual(9, ReadAll(outbox).Count, "acked records are skipped when reading");
        Assert.IsTrue(outbox.Ack(BootA, 32));
        Assert.AreEqual(1, outbox.SegmentCount);
        Assert.IsFalse(outbox.Ack(BootA, 5), "an ack never moves backwards");
        Assert.IsFalse(outbox.Ack(BootA, 32), "duplicate ack");
        CollectionAssert.AreEqual(Enumerable.Range(33, 8).ToList(), ReadAll(outbox).Select(r => r.Seq).ToList());
    }

    [TestMethod]
    public void RecordsOfAPreviousBootSurviveRebootAndGoOnlyWithThatBootsAck()
    {
        var store = new FakeFlashStore();
        var first = Open(store);
        for (int seq = 1; seq <= 10; seq++) Append(first, BootA, seq);
        first.Ack(BootA, 4);
        first.SaveAcksIfChanged();

        var second = Open(store); // reboot
        for (int seq = 1; seq <= 5; seq++) Append(second, BootB, seq);
        var all = ReadAll(second);
        CollectionAssert.AreEqual(new[] { 5, 6, 7, 8, 9, 10 }, all.Where(r => r.Boot == BootA).Select(r => r.Seq).ToArray(), "acked records stay acked after reboot");
        Assert.AreEqual(5, all.Count(r => r.Boot == BootB));

        second.Ack(BootB, 100);
        Assert.AreEqual(6, ReadAll(second).Count, "an ack for the new boot leaves the old boot's records");
        second.Ack(BootA, 10);
        Assert.AreEqual(0, ReadAll(second).Count);
        Assert.AreEqual(0, second.SegmentCount);
    }

    [TestMethod]
    public void FullOutboxDropsOldestTelemetryFirstAndKeepsEvents()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        int seq = 0;
        var expectedKept = new List<int>();
        while (outbox.HasRoomFor(60, BootA, false))
        {
            seq++;
            byte kind = seq % 4 == 0 ? OutboxRecordKind.Event : OutboxRecordKind.Telemetry;
            if (kind == OutboxRecordKind.Event) expectedKept.Add(seq);
            Append(outbox, BootA, seq, kind);
        }

        Assert.IsTrue(outbox.UsedBytes <= outbox.BudgetBytes);
        Assert.IsTrue(outbox.PlanDrop());
        var report = outbox.PlannedDropReport!;
        Assert.AreEqual(BootA, report.Boot);
        Assert.AreEqual(1, report.FromSeq, "the oldest telemetry goes first");
        Assert.AreEqual("full", report.Reason);
        int telemetryInRange = Enumerable.Range(report.FromSeq, report.ToSeq - report.FromSeq + 1).Count(s => s % 4 != 0);
        Assert.AreEqual(telemetryInRange, report.Count);
        Assert.IsTrue(report.Count >= 24);
        int usedBefore = outbox.UsedBytes;
        outbox.CommitDrop();
        Assert.IsTrue(outbox.UsedBytes < usedBefore, "merging the kept events frees flash");
        Assert.IsTrue(outbox.HasRoomFor(60, BootA, false));

        var all = ReadAll(outbox);
        foreach (int e in expectedKept) Assert.IsTrue(all.Any(r => r.Seq == e), $"event {e} kept");
        Assert.IsFalse(all.Any(r => r.Seq <= report.ToSeq && r.Kind == OutboxRecordKind.Telemetry), "oldest telemetry gone");
        Assert.IsTrue(all.Any(r => r.Seq == report.ToSeq + 1 || r.Seq == report.ToSeq + 2), "newer telemetry kept");
        CollectionAssert.AreEqual(all.OrderBy(r => r.Seq).ToList(), all, "order kept");

        var reopened = Open(store);
        CollectionAssert.AreEqual(all, ReadAll(reopened), "compaction survives reboot");
    }

    [TestMethod]
    public void WithoutTelemetryTheOldestSegmentGoesWhole()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        int seq = 0;
        while (outbox.HasRoomFor(60, BootA, false)) Append(outbox, BootA, ++seq);
        outbox.Ack(BootA, 3);
        Assert.IsTrue(outbox.PlanDrop());
        var report = outbox.PlannedDropReport!;
        Assert.AreEqual(4, report.FromSeq, "acked records are not reported");
        Assert.AreEqual(32, report.ToSeq);
        Assert.AreEqual(29, report.Count);
        outbox.CommitDrop();
        Assert.AreEqual(33, ReadAll(outbox).First().Seq);
    }

    [TestMethod]
    public void CorruptPayloadIsSkippedAndReportedExactly()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        for (int seq = 1; seq <= 5; seq++) Append(outbox, BootA, seq);
        string name = store.Names.Single(n => n.EndsWith(".seg", StringComparison.Ordinal));
        byte[] bytes = store.Bytes(name);
        bytes[(2 * OutboxRecord.SlotBytes) + OutboxRecord.HeaderBytes + 3] ^= 0x55; // payload of seq 3
        store.SetBytes(name, bytes);

        var reports = new ArrayList();
        var reopened = Open(store, reports);
        Assert.IsTrue(reopened.Recovered);
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 5 }, ReadAll(reopened).Select(r => r.Seq).ToArray());
        var report = (OutboxDropReport)reports.Cast<object>().Single();
        Assert.AreEqual((BootA, 3, 3, 1, "corrupt"), (report.Boot, report.FromSeq, report.ToSeq, report.Count, report.Reason));
    }

    [TestMethod]
    public void CorruptHeaderIsReportedAsTheGapBetweenItsNeighbours()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        for (int seq = 1; seq <= 6; seq++) Append(outbox, BootA, seq, OutboxRecordKind.Telemetry, seq == 3 ? 200 : 60);
        string name = store.Names.Single(n => n.EndsWith(".seg", StringComparison.Ordinal));
        byte[] bytes = store.Bytes(name);
        bytes[(2 * OutboxRecord.SlotBytes) + 9] ^= 0xFF; // header (boot) of seq 3, a two-slot record
        store.SetBytes(name, bytes);

        var reports = new ArrayList();
        var reopened = Open(store, reports);
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 5, 6 }, ReadAll(reopened).Select(r => r.Seq).ToArray());
        var report = (OutboxDropReport)reports.Cast<object>().Single();
        Assert.AreEqual((3, 3, 1), (report.FromSeq, report.ToSeq, report.Count));
    }

    [TestMethod]
    public void GarbageFilesAndAllAckedSegmentsAreCleanedAtOpen()
    {
        var store = new FakeFlashStore();
        var outbox = Open(store);
        for (int seq = 1; seq <= 3; seq++) Append(outbox, BootA, seq);
        store.SetBytes(Outbox.SegmentName(77), [1, 2, 3]);
        var reopened = Open(store);
        Assert.AreEqual(3, ReadAll(reopened).Count);
        Assert.IsTrue(reopened.Recovered);
        Assert.IsFalse(store.Names.Contains(Outbox.SegmentName(77)));
    }

    [TestMethod]
    public void DefaultBudgetHoldsADayOfRealisticTrafficWithoutDropping()
    {
        // docs/outbox.md: 1,440 snapshots of 500 B (5 slots) plus 1,920 events of 90-200 B (1-2 slots) in the 2 MB partition's budget.
        var store = new FakeFlashStore();
        var outbox = Open(store, budget: Outbox.DefaultBudgetBytes, segment: Outbox.DefaultSlotsPerSegment);
        int seq = 0;
        for (int minute = 0; minute < 1440; minute++)
        {
            Append(outbox, BootA, ++seq, OutboxRecordKind.Telemetry, 500);
            for (int e = 0; e < (minute % 3 == 2 ? 2 : 1); e++) Append(outbox, BootA, ++seq, OutboxRecordKind.Event, e == 0 ? 90 : 200);
        }

        Assert.IsTrue(seq >= 1440 + 1900);
        Assert.IsTrue(outbox.HasRoomFor(1024, BootA, false), $"still room after a day: {outbox.UsedBytes} of {outbox.BudgetBytes}");
        Assert.IsTrue(outbox.UsedBytes < 1300 * 1024, $"{outbox.UsedBytes} bytes used");
    }

    [TestMethod]
    public void SmallModuleBudgetHoldsAboutFourHours()
    {
        // docs/outbox.md: 160 KiB on a 4 MB module's 256 KB partition, 4 KiB segments.
        var outbox = Open(new FakeFlashStore(), budget: 160 * 1024, segment: 32);
        int snapshots = 0;
        while (outbox.HasRoomFor(500, BootA, false)) Append(outbox, BootA, ++snapshots, OutboxRecordKind.Telemetry, 500);
        Assert.IsTrue(snapshots is >= 210 and <= 250, $"{snapshots} snapshots");
    }

    [TestMethod]
    public void BadSettingsAreRefusedWithAClearMessage()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Outbox(new FakeFlashStore(), 8192, 32));
        StringAssert.Contains(e.Message, "raise it");
    }
}
