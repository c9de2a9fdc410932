using System.Collections;
using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Link
{
    /// <summary>
    /// Builds every seq-numbered message (telemetry, events, command results): stamps the envelope (`v`, `boot`, `seq`,
    /// `up`, `ts` once synced), makes room in the outbox first (reporting what had to be dropped) and stores the message
    /// there. Sending is the <see cref="StationLink"/>'s job; a message counts only once it is stored.
    /// </summary>
    public sealed class OutboundMessages
    {
        private readonly Outbox _outbox;
        private readonly IClock _clock;
        private readonly JsonWriter _writer = new JsonWriter(OutboxRecord.MaxPayloadBytes);
        private readonly ArrayList _pendingDrops = new ArrayList();
        private bool _flushingDrops;

        /// <summary>Creates the builder for one boot.</summary>
        public OutboundMessages(Outbox outbox, IClock clock, uint boot)
        {
            _outbox = outbox;
            _clock = clock;
            Boot = boot;
            BootHex = HexId.ToHex(boot);
        }

        /// <summary>This boot's id.</summary>
        public readonly uint Boot;

        /// <summary>This boot's id as 8 hex characters.</summary>
        public readonly string BootHex;

        /// <summary>The seq given to the newest message (0 before the first).</summary>
        public int LastSeq { get; private set; }

        /// <summary>Messages that could not be stored (flash failure or too large) since boot.</summary>
        public int LostMessages { get; private set; }

        /// <summary>Records waiting in the outbox.</summary>
        public int Waiting { get { return _outbox.RecordCount; } }

        /// <summary>
        /// Starts a message: first makes room in the outbox (which may store `outbox.dropped` events), then writes the
        /// envelope with the next seq. Add the body to the returned writer, then call <see cref="Commit"/>.
        /// </summary>
        public JsonWriter Begin()
        {
            MakeRoom();
            FlushPendingDrops();
            BeginEnvelope();
            return _writer;
        }

        /// <summary>Closes the message and stores it; false when it overflowed or could not be stored (then reported as lost).</summary>
        public bool Commit(byte kind)
        {
            return CommitInternal(kind, false);
        }

        /// <summary>Queues an `outbox.dropped` report; it is stored before the next message.</summary>
        public void ReportDrop(OutboxDropReport report)
        {
            _pendingDrops.Add(report);
        }

        /// <summary>Stores queued drop reports now (also done by every <see cref="Begin"/>).</summary>
        public void FlushPendingDrops()
        {
            if (_flushingDrops)
            {
                return;
            }

            _flushingDrops = true;
            int count = _pendingDrops.Count;
            for (int i = 0; i < count && _pendingDrops.Count > 0; i++)
            {
                OutboxDropReport report = (OutboxDropReport)_pendingDrops[0];
                _pendingDrops.RemoveAt(0);
                BeginEnvelope();
                WriteDropped(report);
                if (!CommitInternal(OutboxRecordKind.Event, true))
                {
                    break;
                }
            }

            _flushingDrops = false;
        }

        private void BeginEnvelope()
        {
            LastSeq++;
            _writer.Reset();
            _writer.BeginObject();
            _writer.Int("v", ProtocolCodes.SchemaVersion);
            _writer.String("boot", BootHex);
            _writer.Int("seq", LastSeq);
            _writer.Int("up", _clock.UptimeMs);
            if (_clock.IsSynced)
            {
                _writer.Int("ts", _clock.UtcNowMs);
            }
        }

        private bool CommitInternal(byte kind, bool useReserve)
        {
            _writer.EndObject();
            bool stored = !_writer.Overflowed
                && _outbox.Append(kind, Boot, LastSeq, _writer.Buffer, 0, _writer.Length, useReserve);
            if (!stored)
            {
                // The seq is spent: tell the gateway it is gone so its contiguous ack does not stall on it.
                LostMessages++;
                QueueLost(LastSeq);
            }

            return stored;
        }

        private void QueueLost(int seq)
        {
            if (_pendingDrops.Count > 0)
            {
                OutboxDropReport last = (OutboxDropReport)_pendingDrops[_pendingDrops.Count - 1];
                if (last.Boot == Boot && last.ToSeq == seq - 1 && last.Reason == OutboxDropReport.ReasonCorrupt)
                {
                    _pendingDrops[_pendingDrops.Count - 1] = new OutboxDropReport(Boot, last.FromSeq, seq, last.Count + 1, last.Reason);
                    return;
                }
            }

            _pendingDrops.Add(new OutboxDropReport(Boot, seq, seq, 1, OutboxDropReport.ReasonCorrupt));
        }

        private void MakeRoom()
        {
            // Drop reports go into the block kept back for them, so a full outbox can always say what it lost.
            int guard = 0;
            while (!_outbox.HasRoomFor(OutboxRecord.MaxPayloadBytes, Boot, false) && guard < 64)
            {
                guard++;
                bool planned;
                try
                {
                    planned = _outbox.PlanDrop();
                }
                catch (System.Exception)
                {
                    // Flash read failure: the append below fails cleanly and is reported as lost.
                    return;
                }

                if (!planned)
                {
                    return;
                }

                OutboxDropReport report = _outbox.PlannedDropReport;
                if (report != null)
                {
                    BeginEnvelope();
                    WriteDropped(report);
                    CommitInternal(OutboxRecordKind.Event, true);
                }

                try
                {
                    _outbox.CommitDrop();
                }
                catch (System.Exception)
                {
                    // A flash failure mid-compaction: the next Open finishes or discards it; stop trying this time.
                    return;
                }
            }
        }

        private void WriteDropped(OutboxDropReport report)
        {
            _writer.String("type", ProtocolCodes.EventOutboxDropped);
            _writer.String("lostBoot", HexId.ToHex(report.Boot));
            _writer.Int("from", report.FromSeq);
            _writer.Int("to", report.ToSeq);
            _writer.Int("n", report.Count);
            _writer.String("reason", report.Reason);
        }
    }
}
