using System.Globalization;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;

namespace Stations.Ratings.Delivery;

/// <summary>The gateway's entry point: rate a region for a period, build a union report, render it as a file.</summary>
public sealed class RatingService
{
    private readonly IRatingDataSource source;
    private readonly TimeProvider time;
    private readonly IStoredRatings? stored;
    private readonly Func<StationPeriodData, RatingResult> rate;

    /// <summary>Creates the service over a data source, an engine (rubric) and a clock.</summary>
    public RatingService(IRatingDataSource source, RatingEngine engine, TimeProvider time)
        : this(source, engine, time, null)
    {
    }

    /// <summary>Creates the service; stations with a stored rating for the period get that one instead of a new rating.</summary>
    public RatingService(IRatingDataSource source, RatingEngine engine, TimeProvider time, IStoredRatings? stored)
        : this(source, engine, time, stored, null)
    {
    }

    /// <summary>
    /// Creates the service with a per-station rating function (e.g. each region's own rubric); <paramref name="engine"/>
    /// then only names the report's reference rubric. Null <paramref name="rateStation"/> rates with <paramref name="engine"/>.
    /// </summary>
    public RatingService(IRatingDataSource source, RatingEngine engine, TimeProvider time, IStoredRatings? stored, Func<StationPeriodData, RatingResult>? rateStation)
    {
        this.stored = stored;
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        this.source = source;
        Engine = engine;
        this.time = time;
        rate = rateStation ?? engine.Rate;
    }

    /// <summary>The engine (and so the rubric) used.</summary>
    public RatingEngine Engine { get; }

    /// <summary>Rates every station of a region for a period (monthly, or any period on demand); stored ratings of the period win.</summary>
    public async Task<IReadOnlyList<RatingResult>> RateRegionAsync(RegionScope scope, RatingPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var data = await source.LoadAsync(scope, period, cancellationToken).ConfigureAwait(false);
        var official = stored is null
            ? new Dictionary<string, RatingResult>()
            : await stored.ForPeriodAsync(period, cancellationToken).ConfigureAwait(false);
        // The stored rating is the official one of the month (its history and inputs as rated); later replays do not move it.
        return data.Where(d => scope.Contains(d.Profile))
            .Select(d => official.TryGetValue(d.Profile.StationId, out var r) ? r : rate(d))
            .ToList();
    }

    /// <summary>Rates a region and builds the union office's report in the given language (Chinese by default).</summary>
    public async Task<UnionReport> BuildReportAsync(string officeName, RegionScope scope, RatingPeriod period, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        var ratings = await RateRegionAsync(scope, period, cancellationToken).ConfigureAwait(false);
        var text = culture is null ? ReportText.Chinese : new ReportText(culture);
        return UnionReportBuilder.Build(officeName, scope, period, ratings, Engine.Rubric, time.GetUtcNow(), text);
    }

    /// <summary>Renders a report as a file named after office and period, e.g. 福州市总工会_2026-03-01_2026-03-31.xlsx.</summary>
    public static ReportFile Render(UnionReport report, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        var (extension, type) = format switch
        {
            ReportFormat.Xlsx => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ReportFormat.Csv => ("csv", "text/csv"),
            ReportFormat.Pdf => ("pdf", "application/pdf"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use Xlsx, Csv or Pdf."),
        };
        switch (format)
        {
            case ReportFormat.Xlsx:
                XlsxReportWriter.Write(report, stream);
                break;
            case ReportFormat.Csv:
                CsvReportWriter.Write(report, stream);
                break;
            default:
                PdfReportWriter.Write(report, stream);
                break;
        }

        var safeOffice = string.Concat(report.OfficeName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));
        var name = string.Create(CultureInfo.InvariantCulture, $"{safeOffice}_{report.Period.From:yyyy-MM-dd}_{report.Period.To:yyyy-MM-dd}.{extension}");
        return new ReportFile(name, type, stream.ToArray());
    }
}
