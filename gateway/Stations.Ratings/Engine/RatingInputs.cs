using Stations.Ratings.Inputs;

namespace Stations.Ratings.Engine;

/// <summary>What a rating was computed from, stored with it so it can be reproduced and explained later.</summary>
public sealed record RatingInputs
{
    /// <summary>The station profile at rating time.</summary>
    public required StationProfile Profile { get; init; }

    /// <summary>The rated period.</summary>
    public required RatingPeriod Period { get; init; }

    /// <summary>Metric values by <see cref="Rubrics.MetricIds"/> id; null = no data (e.g. no alarms, no outlets).</summary>
    public required IReadOnlyDictionary<string, double?> Metrics { get; init; }

    /// <summary>Totals for reports.</summary>
    public required StationTotals Totals { get; init; }

    /// <summary>Earlier ratings, most recent first.</summary>
    public IReadOnlyList<PreviousRating> History { get; init; } = [];

    /// <summary>Returns a copy with one metric replaced (what-if for advice).</summary>
    public RatingInputs WithMetric(string metric, double? value)
    {
        var copy = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (var kv in Metrics)
        {
            copy[kv.Key] = kv.Value;
        }

        copy[metric] = value;
        return this with { Metrics = copy };
    }
}
