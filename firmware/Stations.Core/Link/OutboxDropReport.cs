namespace Stations.Core.Link
{
    /// <summary>Records lost for good, reported with an `outbox.dropped` event (docs/protocol.md, "Ack").</summary>
    public sealed class OutboxDropReport
    {
        /// <summary>Reason `full`: telemetry (or, when there is none, everything) dropped to make room.</summary>
        public const string ReasonFull = "full";

        /// <summary>Reason `corrupt`: a damaged record found while opening the outbox.</summary>
        public const string ReasonCorrupt = "corrupt";

        /// <summary>Creates a report.</summary>
        public OutboxDropReport(uint boot, int fromSeq, int toSeq, int count, string reason)
        {
            Boot = boot;
            FromSeq = fromSeq;
            ToSeq = toSeq;
            Count = count;
            Reason = reason;
        }

        /// <summary>`lostBoot`.</summary>
        public readonly uint Boot;

        /// <summary>`from`: lowest lost seq.</summary>
        public readonly int FromSeq;

        /// <summary>`to`: highest lost seq.</summary>
        public readonly int ToSeq;

        /// <summary>`n`: how many records in from…to are lost.</summary>
        public readonly int Count;

        /// <summary>`reason`: `full` or `corrupt`.</summary>
        public readonly string Reason;
    }
}
