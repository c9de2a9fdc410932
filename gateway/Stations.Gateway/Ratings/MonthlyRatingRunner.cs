using System.Globalization;
using Microsoft.Extensions.Options;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Reports;
using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Ratings;

/// <summary>
/// Rates every registered station for one finished calendar month, each with its region's rubric (inherited; the built-in
/// default without a choice), and stores the ratings (a re-run replaces them: idempotent).
/// </summary>
public sealed partial class MonthlyRatingRunner(StationRatingInputs inputs, StoredRatingStore store, RubricStore rubrics, IOptions<RatingOptions> options, TimeProvider time, ILogger<MonthlyRatingRunner> logger)
{
    /// <summary>The built-in rubric, applied to stations whose region chose none.</summary>
    public Rubric Rubric => Rubric.Default;

    /// <summary>The last finished month in the stations' zone.</summary>
    public RatingPeriod PreviousMonth()
    {
        var today = StationTime.LocalDate(time.GetUtcNow(), options.Value.TimeZone);
        var previous = today.AddMonths(-1);
        return RatingPeriod.Month(previous.Year, previous.Month);
    }

    /// <summary>The instant the month ends (midnight after its last day, in the stations' zone).</summary>
    public DateTimeOffset EndOf(RatingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var zone = StationTime.Zone(options.Value.TimeZone);
        var local = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Rates and stores the month; throws <see cref="ArgumentException"/> when the month is not over yet.</summary>
    public async Task<RatingRunSummary> RateMonthAsync(int year, int month, string startedBy, CancellationToken cancellationToken = default)
    {
        if (year is < 2000 or > 9999 || month is < 1 or > 12)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2} is not a month; give yyyy-MM, e.g. 2026-03."), nameof(month));
        }

        var period = RatingPeriod.Month(year, month);
        var started = time.GetUtcNow();
        var end = EndOf(period);
        if (end > started)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2} is not over yet (it ends {end:yyyy-MM-dd HH:mm zzz}); only finished months are rated and stored."), nameof(month));
        }

        // Open alarms of the month are measured to its end, so a re-run later gives the same rating.
        var data = await inputs.LoadAsync(_ => true, period, end, cancellationToken).ConfigureAwait(false);
        // A station never rated before and without enough telemetry this month has nothing to record (it would only say
        // "not rated"); it keeps showing its on-demand rating. A station with history is stored: 证据不足 keeps its star.
        var rate = await RegionRubricRating.ForStationsAsync(rubrics, cancellationToken).ConfigureAwait(false);
        var ratings = data.Select(rate).Where(r => r.AwardedStars is not null || r.Inputs.History.Count > 0).ToList();
        await store.SaveAsync(ratings, started, cancellationToken).ConfigureAwait(false);
        await store.RecordRunAsync(period, data.Count, started, time.GetUtcNow(), startedBy, cancellationToken).ConfigureAwait(false);
        var summary = RatingRunSummary.Of(period, ratings) with { NotRated = data.Count - ratings.Count };
        LogRated(logger, period.ToString(), summary.Stations, summary.Promoted, summary.Demoted, summary.UnderRectification, summary.EvidenceInsufficient, startedBy);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rated {Period}: {Stations} stations, {Promoted} promoted, {Demoted} demoted, {Rectification} 整改, {Evidence} 证据不足 (by {StartedBy})")]
    static partial void LogRated(ILogger logger, string period, int stations, int promoted, int demoted, int rectification, int evidence, string startedBy);
}
