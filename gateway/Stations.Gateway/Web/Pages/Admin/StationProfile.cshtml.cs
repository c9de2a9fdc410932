using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Ratings;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Localization;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Pages.Admin;

/// <summary>Administrators set what telemetry cannot see (area, seats, AED, services); the rating engine's star gates read it.</summary>
public sealed class StationProfileModel(StationRegistry registry, StationProfileStore profiles, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The station.</summary>
    public StationRecord Station { get; private set; } = null!;

    /// <summary>Area as entered or stored.</summary>
    public string Area { get; private set; } = "0";

    /// <summary>Seats as entered or stored.</summary>
    public string Seats { get; private set; } = "0";

    /// <summary>Whether an AED is on site.</summary>
    public bool HasAed { get; private set; }

    /// <summary>Chosen service codes.</summary>
    public IReadOnlyCollection<string> Services { get; private set; } = [];

    /// <summary>Problems of the last save, in the UI language.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A confirmation to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows the saved profile.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var station = await registry.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (station == null)
        {
            return NotFound();
        }

        Station = station;
        var saved = await profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (saved != null)
        {
            Area = saved.AreaSquareMetres.ToString(CultureInfo.InvariantCulture);
            Seats = saved.Seats.ToString(CultureInfo.InvariantCulture);
            HasAed = saved.HasAed != 0;
            Services = saved.ServiceCodes.ToList();
        }

        return Page();
    }

    /// <summary>Validates and saves; shows each problem (field and fix) and keeps what was entered.</summary>
    public async Task<IActionResult> OnPostAsync(string id, string? area, string? seats, bool hasAed, string[]? services, CancellationToken cancellationToken)
    {
        var station = await registry.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (station == null)
        {
            return NotFound();
        }

        Station = station;
        Area = (area ?? "").Trim();
        Seats = (seats ?? "").Trim();
        HasAed = hasAed;
        Services = services ?? [];
        var messages = new RatingMessages(CultureInfo.CurrentUICulture);
        var problems = new List<string>();
        if (!double.TryParse(Area, NumberStyles.Float, CultureInfo.InvariantCulture, out var areaValue))
        {
            problems.Add(messages.Format("ProfileAreaInvalid", Area, StationProfileValidator.MaxAreaSquareMetres));
        }

        if (!int.TryParse(Seats, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seatsValue))
        {
            problems.Add(messages.Format("ProfileSeatsInvalid", Seats, StationProfileValidator.MaxSeats));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(await profiles.SaveAsync(id, areaValue, seatsValue, hasAed, Services, User.Identity?.Name ?? "", messages, cancellationToken).ConfigureAwait(false));
        }

        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        Notice = l["Profile_Saved"].Value;
        return RedirectToPage(new { id });
    }
}
