using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Ratings;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Rubrics;
using Stations.Gateway.Web.Scope;
using Stations.Ratings.Engine;

namespace Stations.Gateway.Web.Pages.Stars;

/// <summary>One station's star with its explanation (each item's value, band and points; caps; facility gates), the next-star advice and its stored months.</summary>
public sealed class StationModel(StationScope scope, StationRegistry registry, StationRatings ratings, StoredRatingStore stored, RubricStore rubrics) : PageModel
{
    /// <summary>The station.</summary>
    public StationRecord Station { get; private set; } = null!;

    /// <summary>Its rating.</summary>
    public RatingResult Rating { get; private set; } = null!;

    /// <summary>Whether <see cref="Rating"/> is the stored monthly rating (false: last 30 days, rated now).</summary>
    public bool Stored { get; private set; }

    /// <summary>The station's stored months, most recent first.</summary>
    public IReadOnlyList<StoredRatingRow> Months { get; private set; } = [];

    /// <summary>Item id → its name in the UI language.</summary>
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Whether the viewer may edit the station's profile.</summary>
    public bool CanEditProfile => User.IsInRole(WebRoles.Administrator);

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
        var current = (await ratings.CurrentAsync([id], ct).ConfigureAwait(false))[0];
        Rating = current.Rating;
        Stored = current.Stored;
        Months = await stored.MonthsOfAsync(id, ct).ConfigureAwait(false);
        // Item names from the rubric the rating was made with (a region may use an uploaded one), else the default's.
        var find = await rubrics.FinderAsync(ct).ConfigureAwait(false);
        var rubric = find(Rating.RubricId, Rating.RubricVersion) ?? ratings.Rubric;
        ItemNames = rubric.Items.ToDictionary(i => i.Id, i => i.Name.For(System.Globalization.CultureInfo.CurrentUICulture), StringComparer.Ordinal);
        return Page();
    }
}
