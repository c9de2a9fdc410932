using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Reports;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages.Reports;

/// <summary>报表 Reports: download a union report (XLSX/CSV/PDF, zh-CN/en) for a region in scope and a month or period.</summary>
public sealed class IndexModel(StationScope scope, UnionReports reports, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Regions the person may report on.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>All regions (for path names).</summary>
    public IReadOnlyList<Region> AllRegions { get; private set; } = [];

    /// <summary>Last month, yyyy-MM (the form's default).</summary>
    public string LastMonth { get; private set; } = "";

    /// <summary>A problem with the request, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Returns the report file, 404 for a region out of scope, or the form with the problem.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(long regionId, string? month, string? from, string? to, string? format, string? lang, CancellationToken cancellationToken)
    {
        var (period, fmt, culture, error) = UnionReports.Parse(string.IsNullOrEmpty(from) ? month : null, from, to, format, lang, l);
        if (error != null)
        {
            Failure = error;
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            return Page();
        }

        var access = await scope.ResolveAsync(User, cancellationToken).ConfigureAwait(false);
        var file = await reports.BuildAsync(access, ReportEndpoints.OfficeRegion(User), regionId, period!, fmt, culture, cancellationToken).ConfigureAwait(false);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    async Task LoadAsync(CancellationToken cancellationToken)
    {
        var access = await scope.ResolveAsync(User, cancellationToken).ConfigureAwait(false);
        Regions = await reports.AllowedRegionsAsync(access, ReportEndpoints.OfficeRegion(User), cancellationToken).ConfigureAwait(false);
        AllRegions = await reports.AllRegionsAsync(cancellationToken).ConfigureAwait(false);
        LastMonth = StationTime.LocalDate(time.GetUtcNow(), StationTime.DefaultZone).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
