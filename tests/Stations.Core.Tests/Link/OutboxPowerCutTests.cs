using Stations.Core.Link;
using static Stations.Core.Tests.Link.OutboxTests;

namespace Stations.Core.Tests.Link;

/// <summary>Cuts the power at every unit (byte written, file created, deleted or renamed) of flash operations.</summary>
[TestClass]
public sealed class OutboxPowerCutTests
{
    private const uint BootA = 0xa1a1a1a1;
    private const uint BootB = 0xb2b2b2b2;

    private static long UnitsOf(Action<FakeFlashStore> setup, Action<FakeFlashStore> operation)
    {
        var store = new FakeFlashStore();
        setup(store);
        long before = store.UnitsUsed;
        operation(store);
        return store.UnitsUsed - before;
    }

    [TestMethod]
    [DataRow(false, 5, 60)]
    [DataRow(true, 5, 60)]
    [DataRow(false, 32, 60)] // the next record opens a new segment file
    [DataRow(false, 3, 700)] // a multi-slot record
    public void PowerCutAtEveryByteOfAnAppendLosesAtMostThatRecord(bool rollBack, int stored, int size)
    {
        void Setup(FakeFlashStore s)
        {
            s.RollBackTornWrites = rollBack;
            var o = Open(s);
            for (int seq = 1; seq <= stored; seq++) Append(o, BootA, seq);
        }

        long units = UnitsOf(Setup, s => Append(Open(s), BootA, stored + 1, OutboxRecordKind.Telemetry, size));
        Assert.IsTrue(units > size);
        for (long cut = 0; cut <= units; cut++)
        {
            var store = new FakeFlashStore();
            Setup(store);
            var outbox = Open(store);
            store.CutPowerAfter(cut);
            byte[] p = Payload(BootA, stored + 1, size);
            bool appended = outbox.Append(OutboxRecordKind.Telemetry, BootA, stored + 1, p, 0, p.Length, false);
            Assert.AreEqual(cut >= units, appended, $"cut {cut}: append reports success only when complete");

            store.PowerOn();
            var rebooted = Open(store);
            var seqs = ReadAll(rebooted).Select(r => r.Seq).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(1, stored).ToList(), seqs.Take(stored).ToList(), $"cut {cut}: completed appends survive");
            Assert.IsTrue(seqs.Count == stored || (seqs.Count == stored + 1 && seqs[^1] == stored + 1), $"cut {cut}: nothing duplicated ({string.Join(",", seqs)})");
            if (appended) Assert.AreEqual(stored + 1, seqs.Count);

            // The store keeps working after the reboot.
            Append(rebooted, BootB, 1);
            Assert.AreEqual(1, ReadAll(Open(store)).Count(r => r.Boot == BootB));
        }
    }

    [TestMethod]
    public void PowerCutAtEveryByteOfAnAckCursorWriteKeepsTheOldOrTheNewMark()
    {
        static Outbox Setup(FakeFlashStore s)
        {
            var o = Open(s);
            for (int seq = 1; seq <= 50; seq++) Append(o, BootA, seq);
            o.Ack(BootA, 10);
            o.SaveAcksIfChanged();
            return o;
        }

        long units = UnitsOf(s => Setup(s), s =>
        {
            var o = Open(s);
            o.Ack(BootA, 40);
            o.SaveAcksIfChanged();
        });
        for (long cut = 0; cut <= units; cut++)
        {
            var store = new FakeFlashStore();
            Setup(store);
            var outbox = Open(store);
            store.CutPowerAfter(cut);
            try
            {
                outbox.Ack(BootA, 40);
                outbox.SaveAcksIfChanged();
            }
            catch (PowerCutException)
            {
                // The board died here.
            }

            store.PowerOn();
            var seqs = ReadAll(Open(store)).Select(r => r.Seq).ToList();
            Assert.AreEqual(50, seqs[^1], $"cut {cut}");
            Assert.IsTrue(seqs[0] == 11 || seqs[0] == 33 || seqs[0] == 41, $"cut {cut}: starts at {seqs[0]}");
            CollectionAssert.AreEqual(Enumerable.Range(seqs[0], 51 - seqs[0]).ToList(), seqs, $"cut {cut}: contiguous, no duplicates");
            Assert.IsTrue(store.Names.Count(n => n.StartsWith("ack", StringComparison.Ordinal)) <= 1, $"cut {cut}: old generations cleaned");
        }
    }

    [TestMethod]
    public void PowerCutAtEveryStepOfACompactionLosesNoEvent()
    {
        static Outbox Setup(FakeFlashStore s)
        {
            var o = Open(s);
            int seq = 0;
            while (o.HasRoomFor(60, BootA, false))
            {
                seq++;
                Append(o, BootA, seq, seq % 4 == 0 ? OutboxRecordKind.Event : OutboxRecordKind.Telemetry);
            }

            return o;
        }

        var template = new FakeFlashStore();
        var reference = Setup(template);
        template = template.Clone();
        var all = ReadAll(reference);
        Assert.IsTrue(reference.PlanDrop());
        var report = reference.PlannedDropReport!;
        long units = UnitsOf(s => Setup(s), s =>
        {
            var o = Open(s);
            o.PlanDrop();
            o.CommitDrop();
        });
        Assert.IsTrue(units > 8 * 128);
        // Every slot boundary (±2 bytes), every delete/rename at the end, and a stride through the bytes in between:
        // cutting at each of the ~4,000 bytes of the copy proves nothing more and takes half a minute.
        var cuts = Enumerable.Range(0, (int)units + 1).Where(c => c % 61 == 0 || c % 128 <= 1 || c % 128 == 127 || c > units - 16);
        foreach (long cut in cuts)
        {
            var store = template.Clone();
            var outbox = Open(store);
            Assert.IsTrue(outbox.PlanDrop());
            store.CutPowerAfter(cut);
            try
            {
                outbox.CommitDrop();
            }
            catch (PowerCutException)
            {
                // The board died here.
            }

            store.PowerOn();
            var after = ReadAll(Open(store));
            var afterSet = after.ToHashSet();
            Assert.AreEqual(after.Count, afterSet.Count, $"cut {cut}: no duplicates");
            foreach (var r in all.Where(r => r.Kind != OutboxRecordKind.Telemetry || r.Seq > report.ToSeq))
                Assert.IsTrue(afterSet.Contains(r), $"cut {cut}: {r.Seq} kept");
            int oldTelemetry = after.Count(r => r.Kind == OutboxRecordKind.Telemetry && r.Seq <= report.ToSeq);
            Assert.IsTrue(oldTelemetry == 0 || oldTelemetry == report.Count, $"cut {cut}: the run is either untouched or merged ({oldTelemetry})");
            CollectionAssert.AreEqual(after.OrderBy(r => r.Seq).ToList(), after, $"cut {cut}: order kept");
        }
    }
}
