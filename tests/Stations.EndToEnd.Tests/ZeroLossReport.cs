namespace Stations.EndToEnd.Tests;

/// <remarks>
/// <c>VisitEventsSentFirstInOrder</c> is informational: the simulator's per-type counters only count a record whose seq is
/// above the highest already published for its boot, so an older record replayed after a newer live one is missed.
/// </remarks>
/// <summary>Sent vs stored for a whole fleet: distinct (station, boot, seq) counts, losses, duplicates and the visit cross-check.</summary>
public sealed record ZeroLossReport(
    long Sent,
    long Stored,
    long Lost,
    long Duplicated,
    long StoredButNeverSent,
    long DeadLetters,
    long DroppedRanges,
    long SentButNotAcked,
    long Boots,
    long VisitEventsSentFirstInOrder,
    long VisitEventsStored,
    long VisitsInEvents,
    long VisitsInRollups)
{
    /// <summary>Asserts nothing lost, nothing doubled, nothing invented, everything acked, and the rollups count every stored visit.</summary>
    public void AssertZeroLoss()
    {
        Console.WriteLine(this);
        Assert.IsGreaterThan(0L, Sent, "the fleet sent messages");
        Assert.AreEqual(0L, Lost, "sent (boot, seq) missing from the messages table");
        Assert.AreEqual(0L, Duplicated, "(boot, seq) stored more than once");
        Assert.AreEqual(0L, StoredButNeverSent, "stored (boot, seq) the stations never sent");
        Assert.AreEqual(Sent, Stored, "stored set = sent set");
        Assert.AreEqual(0L, DeadLetters, "a Core message was dead-lettered");
        Assert.AreEqual(0L, DroppedRanges, "a station's outbox overflowed (outbox.dropped)");
        Assert.AreEqual(0L, SentButNotAcked, "the gateway acked everything it stored");
        Assert.AreEqual(VisitsInEvents, VisitsInRollups, "visits in rollups = Σ n of stored visit events");
    }
}
