namespace Stations.Core.Link
{
    /// <summary>A reading position in the outbox: a segment number and a slot within it.</summary>
    public sealed class OutboxCursor
    {
        /// <summary>The segment number (the segment may have been deleted since; readers skip forward).</summary>
        public int Segment;

        /// <summary>The slot within the segment.</summary>
        public int Slot;

        /// <summary>Copies another position.</summary>
        public void Set(OutboxCursor other)
        {
            Segment = other.Segment;
            Slot = other.Slot;
        }

        /// <summary>True when this position is at or after <paramref name="other"/>.</summary>
        public bool IsAtOrAfter(OutboxCursor other)
        {
            return Segment > other.Segment || (Segment == other.Segment && Slot >= other.Slot);
        }
    }
}
