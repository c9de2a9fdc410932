namespace Stations.Testing;

/// <summary>A clock that tests move forward by hand (timers are not supported: drive time-based work directly).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    DateTimeOffset now;
    readonly Lock gate = new();

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    /// <summary>Sets the clock.</summary>
    public void Set(DateTimeOffset value)
    {
        lock (gate)
        {
            now = value;
        }
    }
}
