namespace Stations.Simulator.Time;

/// <summary>The fleet's shared virtual UTC time in Unix ms. Only the scheduler moves it, and only forwards.</summary>
public sealed class VirtualClock
{
    private long _utcNowMs;

    /// <summary>Starts the virtual time at <paramref name="startUtcMs"/>.</summary>
    public VirtualClock(long startUtcMs) => _utcNowMs = startUtcMs;

    /// <summary>Virtual now (readable from any thread).</summary>
    public long UtcNowMs => Volatile.Read(ref _utcNowMs);

    /// <summary>Moves virtual time forward; earlier values are ignored.</summary>
    public void AdvanceTo(long utcMs)
    {
        if (utcMs > _utcNowMs) Volatile.Write(ref _utcNowMs, utcMs);
    }
}
