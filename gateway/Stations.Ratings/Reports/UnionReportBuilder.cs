using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Reports;

/// <summary>Builds a union office's report from the ratings of its stations.</summary>
public static class UnionReportBuilder
{
    /// <summary>How many stations the top and bottom lists show.</summary>
    public const int ListLength = 10;

    /// <summary>Builds the report; ratings outside <paramref name="scope"/> are left out.</summary>
    public static UnionReport Build(
        string officeName,
        RegionScope scope,
        RatingPeriod period,
        IEnumerable<RatingResult> ratings,
        Rubric rubric,
        DateTimeOffset generatedAt,
        ReportText text)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(text);
        var list = ratings.Where(r => scope.Contains(r.Inputs.Profile)).OrderBy(r => r.StationId, StringComparer.Ordinal).ToList();
        var rows = list.Select(r => Row(r, rubric, text)).ToList();

        var stars = new int[6];
        foreach (var r in list.Where(r => r.AwardedStars is not null))
        {
            stars[r.AwardedStars!.Value]++;
        }

        var scheduled = list.Sum(r => r.Inputs.Totals.ScheduledMinutes);
        var summary = new UsageSummary
        {
            Stations = list.Count,
            RatedStations = list.Count(r => r.AwardedStars is not null),
            Visits = list.Sum(r => r.Inputs.Totals.Visits),
            Litres = list.Sum(r => r.Inputs.Totals.Litres),
            ChargingSessions = list.Sum(r => r.Inputs.Totals.ChargingSessions),
            EnergyKwh = list.Sum(r => r.Inputs.Totals.EnergyWh) / 1000,
            AdherencePercent = scheduled > 0 ? 100.0 * list.Sum(r => r.Inputs.Totals.OpenMinutesWithinSchedule) / scheduled : null,
            DispenserPercent = MeanPercent(list, MetricIds.DispenserAvailability),
            OutletPercent = MeanPercent(list, MetricIds.OutletAvailability),
            ClimatePercent = MeanPercent(list, MetricIds.ClimateAvailability),
            ComfortPercent = MeanPercent(list, MetricIds.ComfortShare),
            AckMinutes = Median(list, MetricIds.MedianAcknowledgeMinutes),
            RepairMinutes = Median(list, MetricIds.MedianRepairMinutes),
            SafetyTrips = list.Sum(r => (long)r.Inputs.Totals.SafetyTrips),
            AverageScore = list.Count > 0 ? list.Average(r => r.Score) : null,
            StarDistribution = stars,
            Unrated = list.Count(r => r.AwardedStars is null),
            Promoted = list.Count(r => r.Movement == StarMovement.Promoted),
            Demoted = list.Count(r => r.Movement == StarMovement.Demoted),
            UnderRectification = stars[0],
            EvidenceInsufficient = list.Count(r => !r.EvidenceSufficient),
        };

        var ranked = rows.Where(r => r.Stars is not null).ToList();
        return new UnionReport
        {
            OfficeName = officeName,
            Scope = scope,
            Period = period,
            GeneratedAt = generatedAt,
            Rubric = rubric.Id + " v" + rubric.Version,
            Summary = summary,
            Rows = rows,
            Top = ranked.OrderByDescending(r => r.Score).ThenBy(r => r.StationId, StringComparer.Ordinal).Take(ListLength).ToList(),
            Bottom = ranked.OrderBy(r => r.Score).ThenBy(r => r.StationId, StringComparer.Ordinal).Take(ListLength).ToList(),
            Text = text,
        };
    }

    private static StationReportRow Row(RatingResult r, Rubric rubric, ReportText text)
    {
        var p = r.Inputs.Profile;
        var t = r.Inputs.Totals;
        return new StationReportRow
        {
            StationId = r.StationId,
            Name = p.Name,
            Province = p.Province,
            City = p.City,
            District = p.District,
            Visits = t.Visits,
            Litres = Math.Round(t.Litres, 1),
            ChargingSessions = t.ChargingSessions,
            EnergyKwh = Math.Round(t.EnergyWh / 1000, 2),
            AdherencePercent = Percent(r, MetricIds.OpeningAdherence),
            OnTimePercent = Percent(r, MetricIds.OnTimeOpeningShare),
            DispenserPercent = Percent(r, MetricIds.DispenserAvailability),
            OutletPercent = Percent(r, MetricIds.OutletAvailability),
            ClimatePercent = Percent(r, MetricIds.ClimateAvailability),
            TelemetryPercent = Percent(r, MetricIds.TelemetryCompleteness),
            ComfortPercent = Percent(r, MetricIds.ComfortShare),
            AckMinutes = Round(r.Inputs.Metrics.GetValueOrDefault(MetricIds.MedianAcknowledgeMinutes), 0),
            RepairMinutes = Round(r.Inputs.Metrics.GetValueOrDefault(MetricIds.MedianRepairMinutes), 0),
            SafetyTrips = t.SafetyTrips,
            Score = Math.Round(r.Score, 1),
            Stars = r.AwardedStars,
            PreviousStars = r.PreviousAwardedStars,
            ScoreChange = Round(r.ScoreChange, 1),
            Movement = text.Movement(r.Movement),
            Status = r.AwardedStars == 0 && r.Status == RatingStatus.Rated ? text["StarLevel0"] : text.Status(r.Status),
            Caps = text.Caps(r),
            Advice = text.Advice(r, rubric),
        };
    }

    private static double? Percent(RatingResult r, string metric) => Round(r.Inputs.Metrics.GetValueOrDefault(metric) * 100, 1);

    private static double? Round(double? value, int digits) => value is null ? null : Math.Round(value.Value, digits);

    private static double? MeanPercent(List<RatingResult> list, string metric)
    {
        var values = list.Select(r => r.Inputs.Metrics.GetValueOrDefault(metric)).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : Math.Round(values.Average() * 100, 1);
    }

    private static double? Median(List<RatingResult> list, string metric)
    {
        var values = list.Select(r => r.Inputs.Metrics.GetValueOrDefault(metric)).Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var mid = values.Count / 2;
        return Math.Round(values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2, 0);
    }
}
