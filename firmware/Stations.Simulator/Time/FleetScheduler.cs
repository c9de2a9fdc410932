namespace Stations.Simulator.Time;

/// <summary>Something the scheduler runs at virtual times; returns the virtual time it wants to run next.</summary>
public interface IScheduled
{
    /// <summary>Runs once at <paramref name="utcNowMs"/> and returns the next due time (greater than now).</summary>
    long RunAt(long utcNowMs);
}

/// <summary>
/// One queue for the whole fleet, ordered by virtual due time (ties by registration order, so runs are
/// deterministic). A single thread runs every station's step: thousands of stations need no thread each.
/// </summary>
public sealed class FleetScheduler
{
    private readonly PriorityQueue<(IScheduled Item, int Order), (long DueMs, int Order)> _queue = new();
    private readonly VirtualClock _clock;
    private int _registered;

    /// <summary>Creates a scheduler over a virtual clock.</summary>
    public FleetScheduler(VirtualClock clock) => _clock = clock;

    /// <summary>Items waiting.</summary>
    public int Count => _queue.Count;

    /// <summary>Steps run since creation.</summary>
    public long StepsRun { get; private set; }

    /// <summary>The earliest due time, or long.MaxValue when empty.</summary>
    public long NextDueMs => _queue.TryPeek(out _, out var p) ? p.DueMs : long.MaxValue;

    /// <summary>Adds an item first due at <paramref name="dueUtcMs"/>.</summary>
    public void Add(IScheduled item, long dueUtcMs)
    {
        int order = _registered++;
        _queue.Enqueue((item, order), (dueUtcMs, order));
    }

    /// <summary>
    /// Runs every step due at or before <paramref name="targetUtcMs"/> in time order, moving the virtual clock to
    /// each step's time and finally to the target. Returns the number of steps run.
    /// </summary>
    public int RunUntil(long targetUtcMs, int maxSteps = int.MaxValue)
    {
        int steps = 0;
        while (steps < maxSteps && _queue.TryPeek(out var entry, out var p) && p.DueMs <= targetUtcMs)
        {
            _queue.Dequeue();
            _clock.AdvanceTo(p.DueMs);
            long next = entry.Item.RunAt(p.DueMs);
            if (next <= p.DueMs) next = p.DueMs + 1;
            _queue.Enqueue(entry, (next, entry.Order));
            steps++;
        }
        StepsRun += steps;
        if (steps < maxSteps) _clock.AdvanceTo(targetUtcMs);
        return steps;
    }
}
