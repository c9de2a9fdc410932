namespace Stations.Core.Link
{
    /// <summary>What the outbox knows about one segment file without holding its records in memory.</summary>
    public sealed class OutboxSegment
    {
        /// <summary>Monotonic segment number; older segments have lower numbers.</summary>
        public int Number;

        /// <summary>The file name, `ob` + 8 digits + `.seg`.</summary>
        public string Name;

        /// <summary>The boot every record in this segment belongs to (a segment never mixes boots).</summary>
        public uint Boot;

        /// <summary>Lowest readable seq in the segment (seqs ascend within a boot's segments).</summary>
        public int FirstSeq;

        /// <summary>Slots held by events and command results (what survives a compaction).</summary>
        public int EventSlots;

        /// <summary>Highest readable seq stored in the segment; the segment can go once the boot's ack reaches it.</summary>
        public int LastSeq;

        /// <summary>Telemetry records in the segment (dropped first when the outbox is full).</summary>
        public int TelemetryRecords;

        /// <summary>Readable records in the segment.</summary>
        public int Records;

        /// <summary>Whole slots the file holds (a torn tail is not counted).</summary>
        public int Slots;

        /// <summary>True when nothing more may be appended (an earlier boot's, full, or a failed write left a torn tail).</summary>
        public bool Sealed;
    }
}
