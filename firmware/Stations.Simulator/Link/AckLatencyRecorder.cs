using System.Diagnostics;

namespace Stations.Simulator.Link;

/// <summary>
/// Real time from a message's first publish to the gateway `ack` that covers it, over a whole fleet (thread-safe).
/// Benchmarks read percentiles; <see cref="Reset"/> starts a new measuring window (e.g. after the connect storm).
/// </summary>
public sealed class AckLatencyRecorder
{
    private readonly object _gate = new();
    private readonly List<long> _ticks = [];

    /// <summary>Latencies recorded since the last reset.</summary>
    public int Count
    {
        get { lock (_gate) return _ticks.Count; }
    }

    /// <summary>Adds one latency in <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long stopwatchTicks)
    {
        lock (_gate) _ticks.Add(stopwatchTicks);
    }

    /// <summary>Forgets what was recorded.</summary>
    public void Reset()
    {
        lock (_gate) _ticks.Clear();
    }

    /// <summary>The <paramref name="quantile"/> (0 … 1) in milliseconds, or NaN when nothing was recorded.</summary>
    public double PercentileMs(double quantile)
    {
        long[] sorted;
        lock (_gate) sorted = [.. _ticks];
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        int index = (int)Math.Clamp(Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
