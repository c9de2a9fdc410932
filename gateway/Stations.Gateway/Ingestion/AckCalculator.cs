namespace Stations.Gateway.Ingestion;

/// <summary>The ack rule (docs/protocol.md, "Ack"): the highest seq such that every seq up to it is covered.</summary>
public static class AckCalculator
{
    /// <summary>
    /// Starting from <paramref name="acked"/>, walks <paramref name="coveredSeqs"/> (ascending) and the dropped
    /// <paramref name="droppedRanges"/> (inclusive) while they leave no gap; returns the last covered seq.
    /// </summary>
    public static long HighestContiguous(long acked, IReadOnlyList<long> coveredSeqs, IReadOnlyList<(long From, long To)> droppedRanges)
    {
        ArgumentNullException.ThrowIfNull(coveredSeqs);
        ArgumentNullException.ThrowIfNull(droppedRanges);
        var current = acked;
        var i = 0;
        while (true)
        {
            var advanced = false;
            while (i < coveredSeqs.Count && coveredSeqs[i] <= current)
            {
                i++;
            }

            if (i < coveredSeqs.Count && coveredSeqs[i] == current + 1)
            {
                current++;
                i++;
                advanced = true;
            }

            foreach (var (from, to) in droppedRanges)
            {
                if (from <= current + 1 && to > current)
                {
                    current = to;
                    advanced = true;
                }
            }

            if (!advanced)
            {
                return current;
            }
        }
    }
}
