using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Ratings;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages.Stars;

/// <summary>The region's table: every station in scope with its latest stored monthly star (or its last 30 days, rated now); administrators rate a month.</summary>
public sealed class IndexModel(StationScope scope, StationRegistry registry, StationRatings ratings, MonthlyRatingRunner runner, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Ratings, best first.</summary>
    public IReadOnlyList<CurrentRating> Ratings { get; private set; } = [];

    /// <summary>Station id → name.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>The last finished month (the default of the rate-a-month form).</summary>
    public string PreviousMonth { get; private set; } = "";

    /// <summary>Whether the viewer may rate a month.</summary>
    public bool CanRate => User.IsInRole(WebRoles.Administrator);

    /// <summary>An error to show, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>A confirmation to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Rates the stations in scope.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var stations = (await registry.ListAsync(ct).ConfigureAwait(false)).Where(s => access.Contains(s.StationId)).ToList();
        Names = stations.ToDictionary(s => s.StationId, s => s.Name, StringComparer.Ordinal);
        Ratings = (await ratings.CurrentAsync(stations.Select(s => s.StationId).ToList(), ct).ConfigureAwait(false)).OrderByDescending(r => r.Rating.Score).ToList();
        PreviousMonth = runner.PreviousMonth().From.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>Rates and stores every station for a finished month (administrators; a re-run replaces the month).</summary>
    public async Task<IActionResult> OnPostRateAsync(string? month)
    {
        if (!CanRate)
        {
            return Forbid();
        }

        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            Failure = l["Ratings_BadMonth", month ?? ""].Value;
            return RedirectToPage();
        }

        try
        {
            var s = await runner.RateMonthAsync(first.Year, first.Month, User.Identity?.Name ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
            Notice = l["Ratings_RunDone", month!, s.Stations, s.Promoted, s.Demoted, s.UnderRectification, s.EvidenceInsufficient].Value;
        }
        catch (ArgumentException)
        {
            Failure = l["Ratings_MonthNotOver", month!].Value;
        }

        return RedirectToPage();
    }
}
