namespace Stations.Ratings.Rubrics;

/// <summary>One scored item: a metric mapped to points by a piecewise-linear curve.</summary>
public sealed record RubricItem
{
    /// <summary>Item id, unique in the rubric (e.g. <c>adherence</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Id of the group the item belongs to (e.g. <c>opening</c>).</summary>
    public required string GroupId { get; init; }

    /// <summary>Display name.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>The metric scored (one of <see cref="MetricIds"/>).</summary>
    public required string Metric { get; init; }

    /// <summary>Points at the best end of the curve.</summary>
    public required double MaxPoints { get; init; }

    /// <summary>Curve corners, strictly increasing in value, points monotonic; flat outside the first and last.</summary>
    public required IReadOnlyList<Breakpoint> Breakpoints { get; init; }

    /// <summary>Points when the metric has no data (e.g. no alarms at all, no outlets): full or zero.</summary>
    public required bool FullPointsWithoutData { get; init; }

    /// <summary>True when a higher metric value gives more points.</summary>
    public bool HigherIsBetter => Breakpoints[^1].Points >= Breakpoints[0].Points;

    /// <summary>Points for a metric value, interpolated linearly between breakpoints.</summary>
    public double PointsFor(double value)
    {
        var bp = Breakpoints;
        if (double.IsNaN(value) || value <= bp[0].Value)
        {
            return bp[0].Points;
        }

        for (var i = 1; i < bp.Count; i++)
        {
            if (value <= bp[i].Value)
            {
                var a = bp[i - 1];
                var b = bp[i];
                return a.Points + ((b.Points - a.Points) * (value - a.Value) / (b.Value - a.Value));
            }
        }

        return bp[^1].Points;
    }

    /// <summary>The breakpoint segment a value falls in, as (lower value, upper value); open ends use infinities.</summary>
    public (double Low, double High) BandOf(double value)
    {
        var bp = Breakpoints;
        if (value < bp[0].Value)
        {
            return (double.NegativeInfinity, bp[0].Value);
        }

        for (var i = 1; i < bp.Count; i++)
        {
            if (value < bp[i].Value)
            {
                return (bp[i - 1].Value, bp[i].Value);
            }
        }

        return (bp[^1].Value, double.PositiveInfinity);
    }

    /// <summary>
    /// The metric value closest to the worst end that gives at least <paramref name="points"/>,
    /// or null when the curve never reaches it.
    /// </summary>
    public double? ValueForPoints(double points)
    {
        var bp = Breakpoints;
        if (HigherIsBetter)
        {
            if (bp[0].Points >= points)
            {
                return bp[0].Value;
            }

            for (var i = 1; i < bp.Count; i++)
            {
                if (bp[i].Points >= points)
                {
                    var a = bp[i - 1];
                    var b = bp[i];
                    return a.Value + ((points - a.Points) * (b.Value - a.Value) / (b.Points - a.Points));
                }
            }

            return null;
        }

        if (bp[^1].Points >= points)
        {
            return bp[^1].Value;
        }

        for (var i = bp.Count - 2; i >= 0; i--)
        {
            if (bp[i].Points >= points)
            {
                var a = bp[i];
                var b = bp[i + 1];
                return b.Value - ((points - b.Points) * (b.Value - a.Value) / (a.Points - b.Points));
            }
        }

        return null;
    }
}
