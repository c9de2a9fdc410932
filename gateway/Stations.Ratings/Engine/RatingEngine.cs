using System.Globalization;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Engine;

/// <summary>Rates stations with one rubric: item scores, stars, caps, hysteresis, the evidence rule and next-star advice.</summary>
public sealed class RatingEngine
{
    /// <summary>Tolerance for comparing scores with thresholds, so 72 computed as 71.99999999 still earns 4 stars.</summary>
    internal const double ScoreTolerance = 1e-9;

    /// <summary>Creates an engine for a validated rubric.</summary>
    public RatingEngine(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        Rubric = rubric;
    }

    /// <summary>The rubric applied.</summary>
    public Rubric Rubric { get; }

    /// <summary>Rates one station for one period from its daily rollups and fault records.</summary>
    public RatingResult Rate(StationPeriodData data) => Score(MetricCalculator.Compute(data, Rubric.HeatWaveDayWeight));

    /// <summary>Rates many stations, lazily, one result per input (streams: 186,000 stations need not fit in memory).</summary>
    public IEnumerable<RatingResult> RateMany(IEnumerable<StationPeriodData> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        foreach (var s in stations)
        {
            yield return Rate(s);
        }
    }

    /// <summary>Rates from stored inputs (metrics, profile, history): reproduces an old rating exactly with the same rubric.</summary>
    public RatingResult Score(RatingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var eval = Evaluate(inputs);
        var evidence = inputs.Metrics.GetValueOrDefault(Rubric.EvidenceMetric);
        var sufficient = evidence is not null && evidence >= Rubric.EvidenceMinimum - ScoreTolerance;
        var previous = inputs.History.Count > 0 ? inputs.History[0] : null;
        var previousStars = previous?.AwardedStars;

        int? awarded;
        RatingStatus status;
        if (!sufficient)
        {
            awarded = previousStars;
            status = RatingStatus.EvidenceInsufficient;
        }
        else if (previousStars is null || eval.ComputedStars <= previousStars)
        {
            awarded = eval.ComputedStars;
            status = RatingStatus.Rated;
        }
        else
        {
            // Promotion needs the earlier (N-1) periods to have qualified too; each may confirm up to its own star.
            var needed = Rubric.PromotionConsecutivePeriods - 1;
            var confirmed = eval.ComputedStars;
            for (var i = 0; i < needed; i++)
            {
                var h = i < inputs.History.Count ? inputs.History[i] : null;
                confirmed = Math.Min(confirmed, h is { EvidenceSufficient: true } ? h.ComputedStars : previousStars.Value);
            }

            awarded = Math.Max(previousStars.Value, confirmed);
            status = awarded < eval.ComputedStars ? RatingStatus.PromotionPending : RatingStatus.Rated;
        }

        var movement = awarded is null ? StarMovement.Unrated
            : previousStars is null ? StarMovement.New
            : awarded > previousStars ? StarMovement.Promoted
            : awarded < previousStars ? StarMovement.Demoted
            : StarMovement.Unchanged;

        return new RatingResult
        {
            StationId = inputs.Profile.StationId,
            Period = inputs.Period,
            RubricId = Rubric.Id,
            RubricVersion = Rubric.Version,
            RubricSha256 = Rubric.ContentSha256,
            Score = eval.Score,
            MaxScore = Rubric.MaxScore,
            ScoreStars = eval.ScoreStars,
            ComputedStars = eval.ComputedStars,
            AwardedStars = awarded,
            Status = status,
            EvidenceSufficient = sufficient,
            Movement = movement,
            PreviousAwardedStars = previousStars,
            ScoreChange = previous is null ? null : eval.Score - previous.Score,
            Items = eval.Items,
            Caps = eval.Caps,
            Advice = NextStarAdvisor.Advise(this, inputs, eval),
            Inputs = inputs,
        };
    }

    /// <summary>Scores a set of metrics: items, score stars, caps and profile gates.</summary>
    internal ScoreEvaluation Evaluate(RatingInputs inputs) => Evaluate(inputs, null, 0);

    /// <summary>Scores the metrics with one of them replaced (what-if for advice, without copying the inputs).</summary>
    internal ScoreEvaluation Evaluate(RatingInputs inputs, string? replacedMetric, double replacement)
    {
        double? Metric(string id) => id == replacedMetric ? replacement : inputs.Metrics.GetValueOrDefault(id);

        var items = new List<ItemScore>(Rubric.Items.Count);
        double score = 0;
        foreach (var item in Rubric.Items)
        {
            var value = Metric(item.Metric);
            double points;
            double? bandFrom = null, bandTo = null;
            if (value is null)
            {
                points = item.FullPointsWithoutData ? item.MaxPoints : 0;
            }
            else
            {
                points = item.PointsFor(value.Value);
                var (low, high) = item.BandOf(value.Value);
                bandFrom = double.IsInfinity(low) ? null : low;
                bandTo = double.IsInfinity(high) ? null : high;
            }

            score += points;
            items.Add(new ItemScore
            {
                ItemId = item.Id,
                GroupId = item.GroupId,
                Metric = item.Metric,
                Value = value,
                BandFrom = bandFrom,
                BandTo = bandTo,
                Points = points,
                MaxPoints = item.MaxPoints,
            });
        }

        var scoreStars = StarsForScore(score);
        var caps = new List<AppliedCap>();
        var limit = scoreStars;
        foreach (var cap in Rubric.Caps)
        {
            var value = Metric(cap.Metric);
            if (value is not null && value < cap.Below)
            {
                caps.Add(new AppliedCap
                {
                    Id = cap.Id,
                    MaxStars = cap.MaxStars,
                    Binding = cap.MaxStars < scoreStars,
                    Metric = cap.Metric,
                    Value = value,
                    Below = cap.Below,
                    Reason = cap.Reason,
                });
                limit = Math.Min(limit, cap.MaxStars);
            }
        }

        foreach (var gate in Rubric.ProfileGates)
        {
            var shortfalls = Shortfalls(gate, inputs.Profile);
            if (shortfalls.Count > 0)
            {
                caps.Add(new AppliedCap
                {
                    Id = "profileGate" + gate.Stars.ToString(CultureInfo.InvariantCulture),
                    MaxStars = gate.Stars - 1,
                    Binding = gate.Stars - 1 < scoreStars,
                    Reason = new LocalizedText("", ""),
                    Shortfalls = shortfalls,
                });
                limit = Math.Min(limit, gate.Stars - 1);
            }
        }

        return new ScoreEvaluation(items, score, scoreStars, limit, caps);
    }

    /// <summary>Stars for a score by the thresholds alone (0 = 整改).</summary>
    public int StarsForScore(double score)
    {
        foreach (var t in Rubric.Stars)
        {
            if (score + ScoreTolerance >= t.MinScore)
            {
                return t.Stars;
            }
        }

        return 0;
    }

    /// <summary>What the profile lacks for a gate (empty when it meets it).</summary>
    internal static List<ProfileShortfall> Shortfalls(ProfileGate gate, StationProfile profile)
    {
        var list = new List<ProfileShortfall>();
        if (profile.AreaSquareMetres < gate.MinAreaSquareMetres)
        {
            list.Add(new ProfileShortfall { Stars = gate.Stars, Requirement = "areaSquareMetres", Required = gate.MinAreaSquareMetres, Actual = profile.AreaSquareMetres });
        }

        if (profile.Seats < gate.MinSeats)
        {
            list.Add(new ProfileShortfall { Stars = gate.Stars, Requirement = "seats", Required = gate.MinSeats, Actual = profile.Seats });
        }

        if (gate.RequiresAed && !profile.HasAed)
        {
            list.Add(new ProfileShortfall { Stars = gate.Stars, Requirement = "aed", Required = 1, Actual = 0 });
        }

        if (profile.SpecialServices.Count < gate.MinSpecialServices)
        {
            list.Add(new ProfileShortfall { Stars = gate.Stars, Requirement = "specialServices", Required = gate.MinSpecialServices, Actual = profile.SpecialServices.Count });
        }

        return list;
    }
}
