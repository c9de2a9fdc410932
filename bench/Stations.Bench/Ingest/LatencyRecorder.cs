namespace Stations.Bench.Ingest;

/// <summary>Counts completed messages and their latencies, only inside the measuring window (after warm-up).</summary>
public sealed class LatencyRecorder
{
    readonly List<double> latenciesMs = [];
    readonly object gate = new();
    long windowStart = long.MaxValue;
    long windowEnd = long.MaxValue;

    /// <summary>Messages completed inside the window.</summary>
    public long Completed { get; private set; }

    /// <summary>Starts counting now (timestamps from <see cref="System.Diagnostics.Stopwatch"/>).</summary>
    public void Open(long now)
    {
        lock (gate)
        {
            windowStart = now;
        }
    }

    /// <summary>Stops counting now.</summary>
    public void Close(long now)
    {
        lock (gate)
        {
            windowEnd = now;
        }
    }

    /// <summary>Records one message sent at <paramref name="sentAt"/> and completed at <paramref name="doneAt"/>.</summary>
    public void Record(long sentAt, long doneAt)
    {
        lock (gate)
        {
            if (doneAt < windowStart || doneAt > windowEnd)
            {
                return;
            }

            Completed++;
            latenciesMs.Add((doneAt - sentAt) * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
        }
    }

    /// <summary>The latency at <paramref name="quantile"/> (0..1) in ms, or NaN when nothing completed.</summary>
    public double PercentileMs(double quantile)
    {
        lock (gate)
        {
            if (latenciesMs.Count == 0)
            {
                return double.NaN;
            }

            latenciesMs.Sort();
            return latenciesMs[(int)Math.Min(latenciesMs.Count - 1, Math.Floor(quantile * latenciesMs.Count))];
        }
    }
}
