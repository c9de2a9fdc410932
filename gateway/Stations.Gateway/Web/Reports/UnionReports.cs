using System.Globalization;
using Stations.Gateway.Ratings;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Rubrics;
using Stations.Gateway.Web.Scope;
using Stations.Ratings.Delivery;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Reports;

/// <summary>Builds union report files for a region, enforcing scope: union offices their subtree, managers their stations, admins all.</summary>
public sealed class UnionReports(StationRatingInputs inputs, RegionStore regions, TimeProvider time, StoredRatingStore storedRatings, RubricStore rubrics)
{
    /// <summary>The reference engine (default rubric) naming the report's rubric; each station is rated with its region's rubric.</summary>
    public RatingEngine Engine { get; } = new(Rubric.Default);

    /// <summary>The regions <paramref name="access"/> may request a report for (union office: its subtree; manager: regions holding one of its stations).</summary>
    public async Task<IReadOnlyList<Region>> AllowedRegionsAsync(StationAccess access, long? officeRegionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var all = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        if (access.SeesAll)
        {
            return all;
        }

        if (access.Role == WebRoles.UnionOffice && officeRegionId is { } root)
        {
            var tree = RegionStore.Subtree(all, root);
            return all.Where(r => tree.Contains(r.RegionId)).ToList();
        }

        // A manager may ask for any region that holds one of its stations; the report lists only those stations.
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        return all.Where(r =>
        {
            var tree = RegionStore.Subtree(all, r.RegionId);
            return placed.Any(p => tree.Contains(p.Value) && access.Contains(p.Key));
        }).ToList();
    }

    /// <summary>Every region (for display paths).</summary>
    public Task<IReadOnlyList<Region>> AllRegionsAsync(CancellationToken cancellationToken = default) => regions.ListAsync(cancellationToken);

    /// <summary>The region's scope (province / city / district names from the region path).</summary>
    public static RegionScope ScopeOf(IReadOnlyList<Region> all, long regionId)
    {
        ArgumentNullException.ThrowIfNull(all);
        var path = RegionStore.PathOf(all, regionId).Split(" / ");
        return new RegionScope
        {
            Province = path.Length > 0 ? path[0] : "",
            City = path.Length > 1 ? path[1] : "",
            District = path.Length > 2 ? path[2] : "",
        };
    }

    /// <summary>
    /// A rating service over the stations <paramref name="access"/> may see (null = every station): stored monthly
    /// ratings win, the others are rated with their region's chosen rubric as the Stars pages and the monthly run do.
    /// </summary>
    public async Task<RatingService> ServiceForAsync(StationAccess? access, CancellationToken cancellationToken = default)
    {
        var rate = await RegionRubricRating.ForStationsAsync(rubrics, cancellationToken).ConfigureAwait(false);
        return new(new GatewayRatingSource(inputs, time, access is null || access.SeesAll ? null : access.Contains), Engine, time, storedRatings, rate);
    }

    /// <summary>Builds and renders the region's report, or null when the region is unknown or out of scope (answer 404).</summary>
    public async Task<ReportFile?> BuildAsync(StationAccess access, long? officeRegionId, long regionId, RatingPeriod period, ReportFormat format, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var allowed = await AllowedRegionsAsync(access, officeRegionId, cancellationToken).ConfigureAwait(false);
        var region = allowed.FirstOrDefault(r => r.RegionId == regionId);
        if (region == null)
        {
            return null;
        }

        var all = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var office = string.IsNullOrWhiteSpace(region.UnionOffice) ? region.Name : region.UnionOffice;
        var service = await ServiceForAsync(access, cancellationToken).ConfigureAwait(false);
        var report = await service.BuildReportAsync(office, ScopeOf(all, regionId), period, culture, cancellationToken).ConfigureAwait(false);
        return RatingService.Render(report, format);
    }

    /// <summary>Reads the report request: <c>month=yyyy-MM</c> or <c>from</c>/<c>to</c> (yyyy-MM-dd), <c>format</c> xlsx|csv|pdf, <c>lang</c> zh-CN|en.</summary>
    /// <returns>The request, or the problem and its fix (in the UI language when <paramref name="l"/> is given, else English as the API documents).</returns>
    public static (RatingPeriod? Period, ReportFormat Format, CultureInfo Culture, string? Error) Parse(string? month, string? from, string? to, string? format, string? lang, Microsoft.Extensions.Localization.IStringLocalizer? l = null)
    {
        RatingPeriod? period = null;
        if (!string.IsNullOrEmpty(month))
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return (null, default, CultureInfo.InvariantCulture, Localization.WebText.Or(l, "Reports_BadMonth", "month \"{0}\" is not a month; use yyyy-MM, e.g. 2026-03.", month));
            }

            period = RatingPeriod.Month(first.Year, first.Month);
        }
        else if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)
            && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            if (t < f || t.DayNumber - f.DayNumber > 366)
            {
                return (null, default, CultureInfo.InvariantCulture, Localization.WebText.Or(l, "Reports_BadRange", "from {0} to {1} is not a period; \"to\" must be on or after \"from\" and at most 366 days later.", from!, to!));
            }

            period = RatingPeriod.Between(f, t);
        }
        else
        {
            return (null, default, CultureInfo.InvariantCulture, Localization.WebText.Or(l, "Reports_NoPeriod", "the period is missing or not a date; give month=yyyy-MM, or from=yyyy-MM-dd and to=yyyy-MM-dd."));
        }

        var fmt = (format ?? "xlsx").ToUpperInvariant() switch
        {
            "XLSX" => ReportFormat.Xlsx,
            "CSV" => ReportFormat.Csv,
            "PDF" => ReportFormat.Pdf,
            _ => (ReportFormat?)null,
        };
        if (fmt is null)
        {
            return (null, default, CultureInfo.InvariantCulture, Localization.WebText.Or(l, "Reports_BadFormat", "format \"{0}\" is unknown; use xlsx, csv or pdf.", format ?? ""));
        }

        var culture = string.IsNullOrEmpty(lang) || string.Equals(lang, "zh-CN", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("zh-CN")
            : string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en") : null;
        return culture is null
            ? (null, default, CultureInfo.InvariantCulture, Localization.WebText.Or(l, "Reports_BadLanguage", "lang \"{0}\" is unknown; use zh-CN or en.", lang ?? ""))
            : (period, fmt.Value, culture, null);
    }
}
