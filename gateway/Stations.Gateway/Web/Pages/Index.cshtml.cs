using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages;

/// <summary>Status overview: the stations in scope with online/offline, open/closed, alarms and star; filter and search.</summary>
public sealed class IndexModel(StationScope scope, StationStatusService status, RegionStore regions, StationStars stars) : PageModel
{
    /// <summary>Search text (id or name).</summary>
    public string? Q { get; private set; }

    /// <summary>Filter: all, online, offline, alarms, open, closed.</summary>
    public string Show { get; private set; } = "all";

    /// <summary>Region filter (its subtree), or null.</summary>
    public long? Region { get; private set; }

    /// <summary>The stations shown.</summary>
    public IReadOnlyList<StationStatus> Stations { get; private set; } = [];

    /// <summary>Counts over every station in scope (before filtering).</summary>
    public (int Total, int Online, int Open, int WithAlarms) Counts { get; private set; }

    /// <summary>Regions to filter by.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>Station id → region path.</summary>
    public IReadOnlyDictionary<string, string> RegionPaths { get; private set; } = new Dictionary<string, string>();

    /// <summary>Station id → awarded star (null = not rated).</summary>
    public IReadOnlyDictionary<string, int?> Stars { get; private set; } = new Dictionary<string, int?>();

    /// <summary>Loads and filters.</summary>
    public async Task OnGetAsync(string? q, string? show, long? region)
    {
        var ct = HttpContext.RequestAborted;
        Q = q?.Trim();
        Show = show ?? "all";
        Region = region;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var all = (await status.ListAsync(ct).ConfigureAwait(false)).Where(s => access.Contains(s.StationId)).ToList();
        Counts = (all.Count, all.Count(s => s.Online == 1), all.Count(s => s.IsOpen == 1), all.Count(s => s.ActiveAlarms > 0));
        Regions = await regions.ListAsync(ct).ConfigureAwait(false);
        var placed = await regions.StationRegionsAsync(ct).ConfigureAwait(false);
        RegionPaths = placed.ToDictionary(p => p.Key, p => RegionStore.PathOf(Regions, p.Value), StringComparer.Ordinal);
        IEnumerable<StationStatus> shown = all;
        if (!string.IsNullOrEmpty(Q))
        {
            shown = shown.Where(s => s.StationId.Contains(Q, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(Q, StringComparison.OrdinalIgnoreCase));
        }

        if (Region is { } r)
        {
            var tree = RegionStore.Subtree(Regions, r);
            shown = shown.Where(s => placed.TryGetValue(s.StationId, out var at) && tree.Contains(at));
        }

        shown = Show switch
        {
            "online" => shown.Where(s => s.Online == 1),
            "offline" => shown.Where(s => s.Online != 1),
            "alarms" => shown.Where(s => s.ActiveAlarms > 0),
            "open" => shown.Where(s => s.IsOpen == 1),
            "closed" => shown.Where(s => s.IsOpen != 1),
            _ => shown,
        };
        Stations = shown.ToList();
        Stars = await stars.LatestAsync(Stations.Select(s => s.StationId).ToList(), ct).ConfigureAwait(false);
        ViewData["LiveSrc"] = "/live/stations";
    }
}
