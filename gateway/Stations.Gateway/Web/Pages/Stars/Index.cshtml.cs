using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Scope;
using Stations.Ratings.Engine;

namespace Stations.Gateway.Web.Pages.Stars;

/// <summary>The region's table: every station in scope with its star and score over the last 30 days.</summary>
public sealed class IndexModel(StationScope scope, StationRegistry registry, StationRatings ratings) : PageModel
{
    /// <summary>Ratings, best first.</summary>
    public IReadOnlyList<RatingResult> Ratings { get; private set; } = [];

    /// <summary>Station id → name.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>The period rated.</summary>
    public string Period { get; private set; } = "";

    /// <summary>Rates the stations in scope.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var stations = (await registry.ListAsync(ct).ConfigureAwait(false)).Where(s => access.Contains(s.StationId)).ToList();
        Names = stations.ToDictionary(s => s.StationId, s => s.Name, StringComparer.Ordinal);
        Ratings = (await ratings.RateAsync(stations.Select(s => s.StationId).ToList(), ct).ConfigureAwait(false)).OrderByDescending(r => r.Score).ToList();
        Period = ratings.LastThirtyDays().ToString();
    }
}
