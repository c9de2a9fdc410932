using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Scope;
using Stations.Ratings.Engine;

namespace Stations.Gateway.Web.Pages.Stars;

/// <summary>One station's star with its explanation (each item's value, band and points; caps) and the next-star advice.</summary>
public sealed class StationModel(StationScope scope, StationRegistry registry, StationRatings ratings) : PageModel
{
    /// <summary>The station.</summary>
    public StationRecord Station { get; private set; } = null!;

    /// <summary>Its rating.</summary>
    public RatingResult Rating { get; private set; } = null!;

    /// <summary>Item id → its name in the UI language.</summary>
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Rates the station (404 outside the viewer's scope).</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        var ct = HttpContext.RequestAborted;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var station = access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
        if (station == null)
        {
            return NotFound();
        }

        Station = station;
        Rating = (await ratings.RateAsync([id], ct).ConfigureAwait(false))[0];
        ItemNames = ratings.Rubric.Items.ToDictionary(i => i.Id, i => i.Name.For(System.Globalization.CultureInfo.CurrentUICulture), StringComparer.Ordinal);
        return Page();
    }
}
