using System;
using System.Collections;

namespace Stations.Core.Link
{
    /// <summary>
    /// The persistent outbox: every telemetry snapshot, event and command result is appended here (durably) before it is
    /// sent, and deleted only when the gateway's `ack` for its boot covers its seq. Append-only segment files of 128-byte
    /// slots with CRC-checked records; one boot per segment; a whole segment is deleted once all of it is acknowledged.
    /// See docs/outbox.md for the format, the flash budget and the power-loss argument.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>LittleFS block size on ESP32: every file occupies whole blocks.</summary>
        public const int BlockBytes = 4096;

        /// <summary>Default budget for the 8 MB module's 2 MB partition.</summary>
        public const int DefaultBudgetBytes = 1536 * 1024;

        /// <summary>Default slots per segment file (16 KB, four LittleFS blocks).</summary>
        public const int DefaultSlotsPerSegment = 128;

        /// <summary>At most this many boots' ack marks are persisted.</summary>
        public const int MaxPersistedAckMarks = 64;

        private const string SegmentPrefix = "ob";
        private const string SegmentSuffix = ".seg";
        private const string CompactSuffix = ".tmp";

        private readonly IFlashStore _store;
        private readonly int _budgetBytes;
        private readonly int _slotsPerSegment;
        private readonly ArrayList _segments = new ArrayList();
        private readonly ArrayList _acks = new ArrayList();
        private readonly ArrayList _cursors = new ArrayList();
        private readonly GenerationFile _ackFile;
        private readonly byte[] _recordBuffer = new byte[OutboxRecord.MaxSlots * OutboxRecord.SlotBytes];
        private readonly byte[] _ackBuffer = new byte[4 + (MaxPersistedAckMarks * 8) + 4];
        private readonly byte[] _ackScratch = new byte[4 + (MaxPersistedAckMarks * 8) + 4];
        private readonly OutboxRecord _scan = new OutboxRecord();
        private readonly OutboxCursor _scanCursor = new OutboxCursor();
        private int _nextSegmentNumber = 1;
        private bool _acksDirty;
        private readonly ArrayList _dropRun = new ArrayList();
        private bool _dropWhole;
        private OutboxDropReport _dropReport;

        /// <summary>
        /// Creates an outbox over <paramref name="store"/> that never uses more than <paramref name="budgetBytes"/> of flash
        /// (whole LittleFS blocks counted), in segments of <paramref name="slotsPerSegment"/> 128-byte slots. Call
        /// <see cref="Open"/> before anything else.
        /// </summary>
        public Outbox(IFlashStore store, int budgetBytes, int slotsPerSegment)
        {
            if (slotsPerSegment < OutboxRecord.MaxSlots || slotsPerSegment > 255 * 32)
            {
                throw new ArgumentOutOfRangeException(nameof(slotsPerSegment), "slots per segment must be 9 … 8160");
            }

            int reserve = SegmentCost(slotsPerSegment) + BlockBytes;
            if (budgetBytes < reserve + (2 * SegmentCost(slotsPerSegment)))
            {
                throw new ArgumentOutOfRangeException(nameof(budgetBytes), "the outbox budget must hold at least three segments plus one block; raise it or use smaller segments");
            }

            _store = store;
            _budgetBytes = budgetBytes;
            _slotsPerSegment = slotsPerSegment;
            _ackFile = new GenerationFile(store, "ack");
        }

        /// <summary>True when <see cref="Open"/> found damaged records or files (the `boot` event then says `recovered`).</summary>
        public bool Recovered { get; private set; }

        /// <summary>Records currently stored (acknowledged ones in a partly acknowledged segment included).</summary>
        public int RecordCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    count += ((OutboxSegment)_segments[i]).Records;
                }

                return count;
            }
        }

        /// <summary>Flash the segment files occupy, in whole LittleFS blocks.</summary>
        public int UsedBytes
        {
            get
            {
                int used = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    used += SegmentCost(((OutboxSegment)_segments[i]).Slots);
                }

                return used;
            }
        }

        /// <summary>The configured budget in bytes.</summary>
        public int BudgetBytes { get { return _budgetBytes; } }

        /// <summary>Number of segment files.</summary>
        public int SegmentCount { get { return _segments.Count; } }

        /// <summary>
        /// Loads the outbox from flash: finishes or discards an interrupted compaction, loads the ack marks, scans every
        /// segment (checking each record's CRCs) and deletes fully acknowledged segments. Damaged records that were not
        /// acknowledged are added to <paramref name="corruptReports"/> (as <see cref="OutboxDropReport"/>, reason `corrupt`).
        /// </summary>
        public void Open(ArrayList corruptReports)
        {
            _segments.Clear();
            _acks.Clear();
            Recovered = false;
            string[] names = _store.List(SegmentPrefix);
            for (int i = 0; i < names.Length; i++)
            {
                int number = ParseSegmentName(names[i], CompactSuffix);
                if (number < 0)
                {
                    continue;
                }

                // The compacted copy is closed (durable) before the original is deleted: with the original gone it is complete.
                string segmentName = SegmentName(number);
                if (_store.GetLength(segmentName) >= 0)
                {
                    _store.Delete(names[i]);
                }
                else
                {
                    _store.Rename(names[i], segmentName);
                }
            }

            LoadAcks();
            names = _store.List(SegmentPrefix);
            for (int i = 0; i < names.Length; i++)
            {
                int number = ParseSegmentName(names[i], SegmentSuffix);
                if (number < 0)
                {
                    continue;
                }

                if (number >= _nextSegmentNumber)
                {
                    _nextSegmentNumber = number + 1;
                }

                OutboxSegment segment = ScanSegment(names[i], number, corruptReports);
                if (segment == null || IsCovered(segment))
                {
                    _store.Delete(names[i]);
                    continue;
                }

                InsertSorted(segment);
            }

            DeleteMergeLeftovers();
            PruneAcks();
        }

        /// <summary>True when a record of <paramref name="payloadBytes"/> for <paramref name="boot"/> fits the budget now.</summary>
        public bool HasRoomFor(int payloadBytes, uint boot, bool useReserve)
        {
            int need = OutboxRecord.SlotsFor(payloadBytes);
            OutboxSegment open = OpenSegmentFor(boot, need);
            int delta = open != null ? SegmentCost(open.Slots + need) - SegmentCost(open.Slots) : SegmentCost(need);
            int limit = _budgetBytes - SegmentCost(_slotsPerSegment) - (useReserve ? 0 : BlockBytes);
            return UsedBytes + delta <= limit;
        }

        /// <summary>
        /// Stores one message durably and returns true, or false when it does not fit the budget or the flash failed twice
        /// (a failed write seals its segment; the retry goes to a fresh one). <paramref name="useReserve"/> lets an
        /// `outbox.dropped` report use the block kept back for it.
        /// </summary>
        public bool Append(byte kind, uint boot, int seq, byte[] payload, int offset, int count, bool useReserve)
        {
            if (count > OutboxRecord.MaxPayloadBytes || !OutboxRecordKind.IsValid(kind) || seq <= 0)
            {
                throw new ArgumentException("an outbox entry needs a valid kind, a seq of 1 or more and at most 1,024 payload bytes");
            }

            if (!HasRoomFor(count, boot, useReserve))
            {
                return false;
            }

            int length = OutboxRecord.Encode(kind, boot, seq, payload, offset, count, _recordBuffer);
            int slots = length / OutboxRecord.SlotBytes;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                OutboxSegment segment = OpenSegmentFor(boot, slots);
                if (segment == null)
                {
                    segment = new OutboxSegment();
                    segment.Number = _nextSegmentNumber++;
                    segment.Name = SegmentName(segment.Number);
                    segment.Boot = boot;
                    _segments.Add(segment);
                }

                try
                {
                    _store.Append(segment.Name, _recordBuffer, 0, length);
                }
                catch (Exception)
                {
                    SealAfterFailedWrite(segment, slots);
                    continue;
                }

                segment.Slots += slots;
                segment.Records++;
                if (kind == OutboxRecordKind.Telemetry)
                {
                    segment.TelemetryRecords++;
                }
                else
                {
                    segment.EventSlots += slots;
                }

                if (segment.FirstSeq == 0)
                {
                    segment.FirstSeq = seq;
                }

                if (seq > segment.LastSeq)
                {
                    segment.LastSeq = seq;
                }

                return true;
            }

            return false;
        }

        /// <summary>
        /// Applies a gateway ack: every record of <paramref name="boot"/> with seq ≤ <paramref name="seq"/> is covered, and
        /// segments that are wholly covered are deleted. Acks for boots not in the outbox, and acks that would move a mark
        /// backwards, change nothing. Returns true when the mark moved.
        /// </summary>
        public bool Ack(uint boot, int seq)
        {
            if (!HasBoot(boot))
            {
                return false;
            }

            AckMark mark = FindMark(boot);
            if (mark == null)
            {
                mark = new AckMark(boot, 0);
                _acks.Add(mark);
            }

            if (seq <= mark.Seq)
            {
                return false;
            }

            mark.Seq = seq;
            _acksDirty = true;
            for (int i = _segments.Count - 1; i >= 0; i--)
            {
                OutboxSegment segment = (OutboxSegment)_segments[i];
                if (segment.Boot == boot && segment.LastSeq <= seq)
                {
                    _store.Delete(segment.Name);
                    _segments.RemoveAt(i);
                }
            }

            return true;
        }

        /// <summary>True when the gateway has acknowledged this record.</summary>
        public bool IsAcked(uint boot, int seq)
        {
            AckMark mark = FindMark(boot);
            return mark != null && seq <= mark.Seq;
        }

        /// <summary>Writes the ack marks to flash if they changed (losing them only causes harmless re-sends).</summary>
        public void SaveAcksIfChanged()
        {
            if (!_acksDirty)
            {
                return;
            }

            PruneAcks();
            int count = 0;
            for (int i = 0; i < _acks.Count && count < MaxPersistedAckMarks; i++)
            {
                AckMark mark = (AckMark)_acks[i];
                OutboxRecord.PutUInt32(_ackBuffer, 4 + (count * 8), mark.Boot);
                OutboxRecord.PutUInt32(_ackBuffer, 8 + (count * 8), (uint)mark.Seq);
                count++;
            }

            _ackBuffer[0] = (byte)'A';
            _ackBuffer[1] = (byte)'K';
            _ackBuffer[2] = 1;
            _ackBuffer[3] = (byte)count;
            _ackFile.Save(_ackBuffer, 4 + (count * 8), _ackScratch);
            _acksDirty = false;
        }

        /// <summary>Registers a reader's cursor so a compaction can move it back to the start of the rewritten segment.</summary>
        public void Track(OutboxCursor cursor)
        {
            _cursors.Add(cursor);
        }

        /// <summary>Puts the cursor on the oldest record.</summary>
        public void MoveToStart(OutboxCursor cursor)
        {
            cursor.Segment = _segments.Count > 0 ? ((OutboxSegment)_segments[0]).Number : _nextSegmentNumber;
            cursor.Slot = 0;
        }

        /// <summary>Puts the cursor just after the newest record (where the next append will land or later).</summary>
        public void MoveToEnd(OutboxCursor cursor)
        {
            if (_segments.Count == 0)
            {
                cursor.Segment = _nextSegmentNumber;
                cursor.Slot = 0;
                return;
            }

            OutboxSegment last = (OutboxSegment)_segments[_segments.Count - 1];
            cursor.Segment = last.Number;
            cursor.Slot = last.Slots;
            if (last.Sealed)
            {
                cursor.Segment = _nextSegmentNumber;
                cursor.Slot = 0;
            }
        }

        /// <summary>
        /// Moves the cursor onto the next readable, unacknowledged record at or after it and reads that record (payload
        /// included) into <paramref name="entry"/>. Returns false at the end (the cursor then waits where new records will
        /// appear). Call <see cref="Advance"/> once the record has been handled.
        /// </summary>
        public bool ReadAt(OutboxCursor cursor, OutboxRecord entry)
        {
            while (true)
            {
                OutboxSegment segment = FindSegmentAtOrAfter(cursor.Segment);
                if (segment == null)
                {
                    return false;
                }

                if (segment.Number != cursor.Segment)
                {
                    cursor.Segment = segment.Number;
                    cursor.Slot = 0;
                }

                if (cursor.Slot >= segment.Slots)
                {
                    if (!segment.Sealed && segment == _segments[_segments.Count - 1])
                    {
                        return false;
                    }

                    cursor.Segment = segment.Number + 1;
                    cursor.Slot = 0;
                    continue;
                }

                int found = ReadRecord(segment, cursor.Slot, entry);
                if (found <= 0)
                {
                    cursor.Slot += found < 0 ? -found : 1;
                    continue;
                }

                if (IsAcked(entry.Boot, entry.Seq))
                {
                    cursor.Slot += entry.Slots;
                    continue;
                }

                return true;
            }
        }

        /// <summary>Moves the cursor past the record <see cref="ReadAt"/> returned.</summary>
        public void Advance(OutboxCursor cursor, OutboxRecord entry)
        {
            cursor.Slot += entry.Slots;
        }

        /// <summary>
        /// Chooses what to drop to make room: a run of consecutive sealed segments of one boot, oldest first, whose events
        /// and results fit one segment, is merged into one file without its telemetry; the first run that frees flash is
        /// taken, so the oldest telemetry goes first and events are kept. Only when no run frees anything does the oldest
        /// segment go whole. Returns false when there is nothing to drop. <see cref="PlannedDropReport"/> then names the
        /// unacknowledged records that will be lost (or is null). Store that report, then call <see cref="CommitDrop"/>.
        /// </summary>
        public bool PlanDrop()
        {
            _dropRun.Clear();
            _dropReport = null;
            _dropWhole = false;
            if (_segments.Count == 0)
            {
                return false;
            }

            for (int start = 0; start < _segments.Count && _dropRun.Count == 0; start++)
            {
                OutboxSegment first = (OutboxSegment)_segments[start];
                int keptSlots = 0;
                int costBefore = 0;
                int end = start;
                bool hasTelemetry = false;
                while (end < _segments.Count)
                {
                    OutboxSegment segment = (OutboxSegment)_segments[end];
                    if (segment.Boot != first.Boot || !IsMergeable(segment) || keptSlots + segment.EventSlots > _slotsPerSegment)
                    {
                        break;
                    }

                    keptSlots += segment.EventSlots;
                    costBefore += SegmentCost(segment.Slots);
                    hasTelemetry = hasTelemetry || segment.TelemetryRecords > 0;
                    end++;
                }

                int costAfter = keptSlots > 0 ? SegmentCost(keptSlots) : 0;
                if (end > start && costAfter < costBefore && (hasTelemetry || end - start > 1))
                {
                    for (int i = start; i < end; i++)
                    {
                        _dropRun.Add(_segments[i]);
                    }
                }
            }

            if (_dropRun.Count == 0)
            {
                _dropRun.Add(_segments[0]);
                _dropWhole = true;
            }

            int from = int.MaxValue;
            int to = 0;
            int count = 0;
            for (int i = 0; i < _dropRun.Count; i++)
            {
                OutboxSegment segment = (OutboxSegment)_dropRun[i];
                int slot = 0;
                while (slot < segment.Slots)
                {
                    int found = ReadRecord(segment, slot, _scan);
                    if (found <= 0)
                    {
                        slot += found < 0 ? -found : 1;
                        continue;
                    }

                    slot += _scan.Slots;
                    if ((_dropWhole || _scan.Kind == OutboxRecordKind.Telemetry) && !IsAcked(_scan.Boot, _scan.Seq))
                    {
                        count++;
                        if (_scan.Seq < from)
                        {
                            from = _scan.Seq;
                        }

                        if (_scan.Seq > to)
                        {
                            to = _scan.Seq;
                        }
                    }
                }
            }

            if (count > 0)
            {
                _dropReport = new OutboxDropReport(((OutboxSegment)_dropRun[0]).Boot, from, to, count, OutboxDropReport.ReasonFull);
            }

            return true;
        }

        /// <summary>The unacknowledged records the planned drop loses, or null.</summary>
        public OutboxDropReport PlannedDropReport { get { return _dropReport; } }

        /// <summary>
        /// Carries out the planned drop. A merge writes the kept records to `.tmp` (named after the run's first segment),
        /// then deletes that first segment, renames the copy into its place and deletes the rest of the run. A power cut at
        /// any point leaves either the originals (the copy is discarded at the next <see cref="Open"/>) or the merged
        /// segment plus leftovers whose seqs it already covers (deleted at the next Open): never a record twice.
        /// </summary>
        public void CommitDrop()
        {
            if (_dropRun.Count == 0)
            {
                return;
            }

            OutboxSegment first = (OutboxSegment)_dropRun[0];
            string tmpName = SegmentPrefix + GenerationFile.Digits8(first.Number) + CompactSuffix;
            int keptRecords = 0;
            int keptSlots = 0;
            int firstSeq = 0;
            int lastSeq = 0;
            if (!_dropWhole)
            {
                _store.Delete(tmpName);
                for (int i = 0; i < _dropRun.Count; i++)
                {
                    OutboxSegment segment = (OutboxSegment)_dropRun[i];
                    int slot = 0;
                    while (slot < segment.Slots)
                    {
                        int found = ReadRecord(segment, slot, _scan);
                        if (found <= 0)
                        {
                            slot += found < 0 ? -found : 1;
                            continue;
                        }

                        slot += _scan.Slots;
                        if (_scan.Kind == OutboxRecordKind.Telemetry || IsAcked(_scan.Boot, _scan.Seq))
                        {
                            continue;
                        }

                        int length = OutboxRecord.Encode(_scan.Kind, _scan.Boot, _scan.Seq, _scan.Payload, 0, _scan.PayloadLength, _recordBuffer);
                        _store.Append(tmpName, _recordBuffer, 0, length);
                        keptRecords++;
                        keptSlots += _scan.Slots;
                        firstSeq = firstSeq == 0 ? _scan.Seq : firstSeq;
                        lastSeq = _scan.Seq;
                    }
                }
            }

            _store.Delete(first.Name);
            if (keptRecords > 0)
            {
                _store.Rename(tmpName, first.Name);
                first.Records = keptRecords;
                first.TelemetryRecords = 0;
                first.EventSlots = keptSlots;
                first.Slots = keptSlots;
                first.FirstSeq = firstSeq;
                first.LastSeq = lastSeq;
                for (int i = 0; i < _cursors.Count; i++)
                {
                    OutboxCursor cursor = (OutboxCursor)_cursors[i];
                    if (cursor.Segment == first.Number)
                    {
                        // Slot positions inside the rewritten file changed; re-reading from its start only re-sends survivors.
                        cursor.Slot = 0;
                    }
                }
            }
            else
            {
                _store.Delete(tmpName);
                _segments.Remove(first);
            }

            for (int i = 1; i < _dropRun.Count; i++)
            {
                OutboxSegment segment = (OutboxSegment)_dropRun[i];
                _store.Delete(segment.Name);
                _segments.Remove(segment);
            }

            _dropRun.Clear();
            _dropReport = null;
        }

        private bool IsMergeable(OutboxSegment segment)
        {
            // The open segment is still being appended to; leave it alone unless it is the only thing left to free.
            return segment.Sealed || segment != _segments[_segments.Count - 1] || segment.Slots >= _slotsPerSegment - OutboxRecord.MaxSlots;
        }

        /// <summary>Flash a segment of this many slots occupies: whole LittleFS blocks, at least one.</summary>
        public static int SegmentCost(int slots)
        {
            int blocks = ((slots * OutboxRecord.SlotBytes) + BlockBytes - 1) / BlockBytes;
            return (blocks < 1 ? 1 : blocks) * BlockBytes;
        }

        /// <summary>The segment file name for a number.</summary>
        public static string SegmentName(int number)
        {
            return SegmentPrefix + GenerationFile.Digits8(number) + SegmentSuffix;
        }

        private static int ParseSegmentName(string name, string suffix)
        {
            if (name.Length != SegmentPrefix.Length + 8 + suffix.Length || !name.EndsWith(suffix))
            {
                return -1;
            }

            return GenerationFile.ParseDigits8(name, SegmentPrefix.Length);
        }

        /// <summary>
        /// Reads the record starting at <paramref name="slot"/>: returns its slot count when header and payload are intact,
        /// 0 when the header is not a record (skip one slot), or minus the slot count when the header is intact but the
        /// payload is damaged or cut off (skip the whole record).
        /// </summary>
        private int ReadRecord(OutboxSegment segment, int slot, OutboxRecord entry)
        {
            int offset = slot * OutboxRecord.SlotBytes;
            if (_store.Read(segment.Name, offset, _recordBuffer, 0, OutboxRecord.HeaderBytes) != OutboxRecord.HeaderBytes)
            {
                return 0;
            }

            uint payloadCrc;
            if (!entry.TryDecodeHeader(_recordBuffer, 0, out payloadCrc))
            {
                return 0;
            }

            if (slot + entry.Slots > segment.Slots)
            {
                int rest = segment.Slots - slot;
                return rest > 0 ? -rest : 0;
            }

            int read = _store.Read(segment.Name, offset + OutboxRecord.HeaderBytes, entry.Payload, 0, entry.PayloadLength);
            if (read != entry.PayloadLength || Stations.Core.Protocol.Crc32.Compute(entry.Payload, 0, read) != payloadCrc)
            {
                return -entry.Slots;
            }

            return entry.Slots;
        }

        private OutboxSegment ScanSegment(string name, int number, ArrayList corruptReports)
        {
            int length = _store.GetLength(name);
            if (length <= 0)
            {
                return null;
            }

            OutboxSegment segment = new OutboxSegment();
            segment.Number = number;
            segment.Name = name;
            segment.Sealed = true;
            segment.Slots = length / OutboxRecord.SlotBytes;
            if (length % OutboxRecord.SlotBytes != 0)
            {
                // A torn append: LittleFS normally rolls it back, but an adapter that flushed early may leave a prefix.
                Recovered = true;
            }

            bool bootKnown = false;
            int previousSeq = 0;
            int unknownSlots = 0;
            int slot = 0;
            while (slot < segment.Slots)
            {
                int found = ReadRecord(segment, slot, _scan);
                if (found == 0)
                {
                    unknownSlots++;
                    slot++;
                    Recovered = true;
                    continue;
                }

                if (bootKnown && _scan.Boot != segment.Boot)
                {
                    // A valid record of another boot cannot be in this segment: treat it as damage.
                    unknownSlots += found < 0 ? -found : found;
                    slot += found < 0 ? -found : found;
                    Recovered = true;
                    continue;
                }

                if (!bootKnown)
                {
                    segment.Boot = _scan.Boot;
                    bootKnown = true;
                }

                if (unknownSlots > 0 && previousSeq > 0 && _scan.Seq > previousSeq + 1)
                {
                    // Seqs in a segment ascend; unreadable slots between two good records held the seqs in between.
                    ReportCorrupt(corruptReports, segment.Boot, previousSeq + 1, _scan.Seq - 1);
                }

                unknownSlots = 0;
                if (found < 0)
                {
                    ReportCorrupt(corruptReports, segment.Boot, _scan.Seq, _scan.Seq);
                    Recovered = true;
                    slot += -found;
                }
                else
                {
                    segment.Records++;
                    if (_scan.Kind == OutboxRecordKind.Telemetry)
                    {
                        segment.TelemetryRecords++;
                    }
                    else
                    {
                        segment.EventSlots += found;
                    }

                    if (segment.FirstSeq == 0)
                    {
                        segment.FirstSeq = _scan.Seq;
                    }

                    if (_scan.Seq > segment.LastSeq)
                    {
                        segment.LastSeq = _scan.Seq;
                    }

                    slot += found;
                }

                previousSeq = _scan.Seq;
            }

            if (length % OutboxRecord.SlotBytes != 0)
            {
                segment.Slots++;
            }

            return segment.Records > 0 ? segment : null;
        }

        private void DeleteMergeLeftovers()
        {
            // Within one boot, seqs ascend with the segment number. A segment whose first seq is not above an older
            // segment's last seq is what remains of an interrupted merge: its events are already in the merged segment.
            for (int i = 1; i < _segments.Count; i++)
            {
                OutboxSegment segment = (OutboxSegment)_segments[i];
                for (int j = 0; j < i; j++)
                {
                    OutboxSegment older = (OutboxSegment)_segments[j];
                    if (older.Boot == segment.Boot && segment.FirstSeq <= older.LastSeq)
                    {
                        _store.Delete(segment.Name);
                        _segments.RemoveAt(i);
                        i--;
                        break;
                    }
                }
            }
        }

        private void ReportCorrupt(ArrayList reports, uint boot, int from, int to)
        {
            AckMark mark = FindMark(boot);
            if (mark != null && from <= mark.Seq)
            {
                from = mark.Seq + 1;
            }

            if (from > to || reports == null)
            {
                return;
            }

            reports.Add(new OutboxDropReport(boot, from, to, to - from + 1, OutboxDropReport.ReasonCorrupt));
        }

        private void SealAfterFailedWrite(OutboxSegment segment, int attemptedSlots)
        {
            segment.Sealed = true;
            Recovered = true;
            int length;
            try
            {
                length = _store.GetLength(segment.Name);
            }
            catch (Exception)
            {
                length = (segment.Slots + attemptedSlots) * OutboxRecord.SlotBytes;
            }

            if (segment.Records == 0)
            {
                try
                {
                    _store.Delete(segment.Name);
                    _segments.Remove(segment);
                    return;
                }
                catch (Exception)
                {
                    // Keep it counted against the budget; the next Open deletes it.
                }
            }

            if (length > 0)
            {
                segment.Slots = (length + OutboxRecord.SlotBytes - 1) / OutboxRecord.SlotBytes;
            }
        }

        private OutboxSegment OpenSegmentFor(uint boot, int slots)
        {
            if (_segments.Count == 0)
            {
                return null;
            }

            OutboxSegment last = (OutboxSegment)_segments[_segments.Count - 1];
            if (last.Sealed || last.Boot != boot || last.Slots + slots > _slotsPerSegment)
            {
                return null;
            }

            return last;
        }

        private OutboxSegment FindSegmentAtOrAfter(int number)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                OutboxSegment segment = (OutboxSegment)_segments[i];
                if (segment.Number >= number)
                {
                    return segment;
                }
            }

            return null;
        }

        private void InsertSorted(OutboxSegment segment)
        {
            int index = _segments.Count;
            while (index > 0 && ((OutboxSegment)_segments[index - 1]).Number > segment.Number)
            {
                index--;
            }

            _segments.Insert(index, segment);
        }

        private bool HasBoot(uint boot)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                if (((OutboxSegment)_segments[i]).Boot == boot)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsCovered(OutboxSegment segment)
        {
            AckMark mark = FindMark(segment.Boot);
            return mark != null && segment.LastSeq <= mark.Seq;
        }

        private AckMark FindMark(uint boot)
        {
            for (int i = 0; i < _acks.Count; i++)
            {
                AckMark mark = (AckMark)_acks[i];
                if (mark.Boot == boot)
                {
                    return mark;
                }
            }

            return null;
        }

        private void PruneAcks()
        {
            for (int i = _acks.Count - 1; i >= 0; i--)
            {
                if (!HasBoot(((AckMark)_acks[i]).Boot))
                {
                    _acks.RemoveAt(i);
                }
            }
        }

        private void LoadAcks()
        {
            bool damaged;
            int length = _ackFile.Load(_ackBuffer, out damaged);
            if (damaged)
            {
                Recovered = true;
            }

            if (length < 4 || _ackBuffer[0] != (byte)'A' || _ackBuffer[1] != (byte)'K' || _ackBuffer[2] != 1)
            {
                return;
            }

            int count = _ackBuffer[3];
            if (length != 4 + (count * 8))
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                uint boot = OutboxRecord.GetUInt32(_ackBuffer, 4 + (i * 8));
                int seq = (int)OutboxRecord.GetUInt32(_ackBuffer, 8 + (i * 8));
                _acks.Add(new AckMark(boot, seq));
            }
        }
    }
}
