using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Pages.Admin;

/// <summary>Rating rubric files: list versions, upload a new one (checked by the ratings engine's validator, in the UI language), choose each region's rubric.</summary>
public sealed class RubricsModel(RubricStore rubrics, RegionStore regions, StationHistory history, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Rubric files, built-in first.</summary>
    public IReadOnlyList<RubricFile> Files { get; private set; } = [];

    /// <summary>Regions.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>Each region's own choice.</summary>
    public IReadOnlyList<RegionRubric> Choices { get; private set; } = [];

    /// <summary>The validator's problems with the last upload (its own words), or empty.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>An error to show after a redirect, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>Why the upload on this response was refused, or null.</summary>
    public string? UploadFailure { get; private set; }

    /// <summary>A message to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Lists files and choices.</summary>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Validates and stores an uploaded rubric file; shows the validator's messages when it is invalid.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        var ct = HttpContext.RequestAborted;
        if (file == null || file.Length == 0 || file.Length > RubricStore.MaxFileBytes)
        {
            Failure = l["Rubric_FileSize", RubricStore.MaxFileBytes / 1024];
            return RedirectToPage();
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, ct).ConfigureAwait(false);
        try
        {
            var rubric = await rubrics.UploadAsync(Path.GetFileName(file.FileName), memory.ToArray(), User.Identity?.Name ?? "?", new RatingMessages(System.Globalization.CultureInfo.CurrentUICulture), ct).ConfigureAwait(false);
            await Audit("rubric.upload", rubric.Id + "@" + rubric.Version + " " + rubric.ContentSha256[..12], ct).ConfigureAwait(false);
            Notice = l["Rubric_Uploaded", rubric.Id, rubric.Version];
            return RedirectToPage();
        }
        catch (RubricValidationException e)
        {
            // Shown on this response (not redirected): the list can be long and TempData is a cookie.
            UploadFailure = l["Rubric_Invalid", Path.GetFileName(file.FileName), e.Errors.Count];
            Problems = e.Errors;
        }
        catch (ArgumentException e)
        {
            UploadFailure = e.Message;
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Sets the rubric a region uses ("" = inherit from the parent region).</summary>
    public async Task<IActionResult> OnPostChooseAsync(long regionId, string? rubric)
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            await rubrics.ChooseAsync(regionId, rubric, User.Identity?.Name ?? "?", ct).ConfigureAwait(false);
            await Audit("rubric.choose", regionId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (string.IsNullOrWhiteSpace(rubric) ? "inherit" : rubric), ct).ConfigureAwait(false);
            Notice = l["Admin_Saved"];
        }
        catch (ArgumentException e)
        {
            Failure = e.Message;
        }

        return RedirectToPage();
    }

    async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Files = await rubrics.ListAsync(ct).ConfigureAwait(false);
        Regions = await regions.ListAsync(ct).ConfigureAwait(false);
        Choices = await rubrics.ChoicesAsync(ct).ConfigureAwait(false);
    }

    Task Audit(string action, string detail, CancellationToken ct) =>
        history.AuditAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), User.Identity?.Name ?? "?", action, null, detail, ct);
}
