using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;
using Stations.Gateway.Web.Status;

namespace Stations.Gateway.Web.Pages;

/// <summary>
/// Status overview: the stations in scope with online/offline, open/closed, alarms and star; filter, search and pages
/// of <see cref="StatusOverview.PageSize"/> (filtered on the server, so thousands of stations stay quick). Times are in
/// each station's own time zone.
/// </summary>
public sealed class IndexModel(StationScope scope, StatusOverview overview, RegionStore regions, StationStars stars) : PageModel
{
    /// <summary>Search text (id or name).</summary>
    public string? Q { get; private set; }

    /// <summary>Filter: all, online, offline, alarms, open, closed.</summary>
    public string Show { get; private set; } = "all";

    /// <summary>Region filter (its subtree), or null.</summary>
    public long? Region { get; private set; }

    /// <summary>Counts, the matching total and this page's stations.</summary>
    public StatusPage Result { get; private set; } = new(0, 0, 0, 0, 0, 1, 1, []);

    /// <summary>Regions to filter by.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>Station id → awarded star (null = not rated), for this page's stations.</summary>
    public IReadOnlyDictionary<string, int?> Stars { get; private set; } = new Dictionary<string, int?>();

    /// <summary>The query string for page <paramref name="number"/> with the current filters.</summary>
    public string PageLink(int number) => QueryString.Create(new List<KeyValuePair<string, string?>>
    {
        new("q", Q ?? ""),
        new("show", Show),
        new("region", Region?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        new("p", number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }).ToUriComponent();

    /// <summary>Loads, filters and pages.</summary>
    public async Task OnGetAsync(string? q, string? show, long? region, int p = 1)
    {
        var ct = HttpContext.RequestAborted;
        Q = q?.Trim();
        Show = show != null && StatusOverview.ShowOptions.Contains(show) ? show : "all";
        Region = region;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        Regions = await regions.ListAsync(ct).ConfigureAwait(false);
        Result = await overview.PageAsync(access, Q, Show, Region, Regions, p, ct).ConfigureAwait(false);
        Stars = await stars.LatestAsync(Result.Rows.Select(s => s.StationId).ToList(), ct).ConfigureAwait(false);
        // Live updates only for the rows on this page.
        ViewData["LiveSrc"] = "/live/stations?ids=" + Uri.EscapeDataString(string.Join(",", Result.Rows.Select(s => s.StationId)));
    }
}
