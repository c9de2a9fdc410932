using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Engine;

/// <summary>Finds the smallest single-item changes that reach the next star, verified by re-scoring each one.</summary>
internal static class NextStarAdvisor
{
    public static NextStarAdvice? Advise(RatingEngine engine, RatingInputs inputs, ScoreEvaluation current)
    {
        var rubric = engine.Rubric;
        var target = current.ComputedStars + 1;
        var minScore = rubric.MinScoreFor(target);
        if (minScore is null)
        {
            return null;
        }

        var needed = Math.Max(0, minScore.Value - current.Score);
        var options = new List<(AdviceOption Option, double Effort)>();
        foreach (var item in rubric.Items)
        {
            var option = TryItem(engine, inputs, current, item, target, minScore.Value, needed);
            if (option is not null)
            {
                options.Add(option.Value);
            }
        }

        var shortfalls = rubric.ProfileGates
            .Where(g => g.Stars <= target)
            .SelectMany(g => RatingEngine.Shortfalls(g, inputs.Profile))
            .ToList();
        var blockingCaps = current.Caps
            .Where(c => c.Metric is not null && c.MaxStars < target)
            .Select(c => c.Id)
            .ToList();

        return new NextStarAdvice
        {
            TargetStars = target,
            TargetMinScore = minScore.Value,
            PointsNeeded = needed,
            Options = options
                .OrderByDescending(o => o.Option.ReachesTarget)
                .ThenBy(o => o.Effort)
                .Select(o => o.Option)
                .ToList(),
            ProfileShortfalls = shortfalls,
            BlockingCaps = blockingCaps,
        };
    }

    private static (AdviceOption, double)? TryItem(RatingEngine engine, RatingInputs inputs, ScoreEvaluation current, RubricItem item, int target, double minScore, double needed)
    {
        var now = inputs.Metrics.GetValueOrDefault(item.Metric);
        if (now is null)
        {
            return null;
        }

        var cur = now.Value;
        var curPoints = current.Items.First(i => i.ItemId == item.Id).Points;
        var goal = cur;
        if (needed > RatingEngine.ScoreTolerance)
        {
            var value = item.ValueForPoints(curPoints + needed);
            if (value is null)
            {
                return null; // this item alone cannot close the gap
            }

            goal = item.HigherIsBetter ? Math.Max(cur, value.Value) : Math.Min(cur, value.Value);
        }

        // A cap on this item's own metric that blocks the target is lifted by reaching its threshold.
        foreach (var cap in engine.Rubric.Caps)
        {
            if (cap.Metric == item.Metric && cap.MaxStars < target && goal < cap.Below)
            {
                goal = cap.Below;
            }
        }

        var step = Step(item.Metric);
        var rounded = RoundTowardBetter(goal, step, item.HigherIsBetter || goal > cur);
        var better = item.HigherIsBetter || rounded > cur;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var candidate = Clamp(item.Metric, rounded);
            if (Math.Abs(candidate - cur) < 1e-12)
            {
                return null;
            }

            var eval = engine.Evaluate(inputs, item.Metric, candidate);
            if (eval.Score + RatingEngine.ScoreTolerance >= minScore)
            {
                var blockers = eval.Caps.Where(c => c.MaxStars < target).Select(c => c.Id).ToList();
                var option = new AdviceOption
                {
                    ItemId = item.Id,
                    Metric = item.Metric,
                    CurrentValue = cur,
                    TargetValue = candidate,
                    PointsGain = eval.Score - current.Score,
                    ResultingScore = eval.Score,
                    ResultingStars = eval.ComputedStars,
                    ReachesTarget = eval.ComputedStars >= target,
                    BlockedBy = blockers,
                };
                var span = Math.Max(1e-9, item.Breakpoints[^1].Value - item.Breakpoints[0].Value);
                return (option, Math.Abs(candidate - cur) / span);
            }

            if (Math.Abs(candidate - rounded) > 1e-12)
            {
                return null; // clamped at the end of the scale and still short
            }

            // Rounding error left it a hair short: one more display step towards better.
            rounded += better ? step : -step;
        }

        return null;
    }

    /// <summary>Display precision of advice: 0.1% for shares, 0.1 per day, whole minutes.</summary>
    private static double Step(string metric) => MetricIds.IsMinutes(metric) ? 1 : MetricIds.IsShare(metric) ? 0.001 : 0.1;

    private static double RoundTowardBetter(double value, double step, bool higherIsBetter)
    {
        var units = value / step;
        var r = higherIsBetter ? Math.Ceiling(units - 1e-7) : Math.Floor(units + 1e-7);
        return Math.Round(r * step, 6);
    }

    private static double Clamp(string metric, double value) =>
        MetricIds.IsShare(metric) ? Math.Clamp(value, 0, 1) : Math.Max(0, value);
}
