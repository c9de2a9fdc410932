using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages.Admin;

/// <summary>One user: edit display name, role and scope; disable or enable; reset the password (all audited).</summary>
public sealed class UserModel(UserStore users, RegionStore regions, StationRegistry registry, StationHistory history, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The user.</summary>
    public WebUser Account { get; private set; } = null!;

    /// <summary>Regions (a union office's scope).</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>A manager's stations, comma-separated.</summary>
    public string Stations { get; private set; } = "";

    /// <summary>True when the administrator is looking at their own account (role and enabled state are then fixed).</summary>
    public bool IsSelf { get; private set; }

    /// <summary>An error to show, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>A message to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows the user.</summary>
    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id).ConfigureAwait(false) ? Page() : NotFound();

    /// <summary>Saves display name, role, region and stations.</summary>
    public Task<IActionResult> OnPostSaveAsync(long id, string? displayName, string role, long? regionId, string? stations) => Do(id, async (user, ct) =>
    {
        if (IsSelf && role != user.Role)
        {
            throw new ArgumentException(l["User_CannotChangeOwnRole"]);
        }

        var list = role == WebRoles.StationManager ? await IndexModel.CheckedStationsAsync(registry, l, stations, ct).ConfigureAwait(false) : [];
        await users.UpdateAsync(id, displayName ?? "", role, regionId, ct).ConfigureAwait(false);
        if (role == WebRoles.StationManager)
        {
            await users.AssignStationsAsync(id, list, ct).ConfigureAwait(false);
        }

        await Audit("user.update", user.UserName + " " + role + (regionId is { } r && role == WebRoles.UnionOffice ? " region " + r.ToString(CultureInfo.InvariantCulture) : "") + (list.Length > 0 ? " " + string.Join(",", list) : ""), ct).ConfigureAwait(false);
        Notice = l["Admin_Saved"];
    });

    /// <summary>Disables the user (their sessions and API tokens stop working at once) or enables them again.</summary>
    public Task<IActionResult> OnPostEnabledAsync(long id, bool enabled) => Do(id, async (user, ct) =>
    {
        if (IsSelf)
        {
            throw new ArgumentException(l["User_CannotDisableSelf"]);
        }

        await users.SetEnabledAsync(id, enabled, ct).ConfigureAwait(false);
        await Audit(enabled ? "user.enable" : "user.disable", user.UserName, ct).ConfigureAwait(false);
        Notice = enabled ? l["User_EnabledNotice", user.UserName] : l["User_DisabledNotice", user.UserName];
    });

    /// <summary>Sets a new password the administrator hands over; the user's sessions end.</summary>
    public Task<IActionResult> OnPostPasswordAsync(long id, string password) => Do(id, async (user, ct) =>
    {
        await users.SetPasswordAsync(id, password, ct).ConfigureAwait(false);
        await Audit("user.password-reset", user.UserName, ct).ConfigureAwait(false);
        Notice = l["User_PasswordReset", user.UserName];
    });

    async Task<IActionResult> Do(long id, Func<WebUser, CancellationToken, Task> action)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        try
        {
            await action(Account, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Failure = e.Message;
        }

        return RedirectToPage(new { id });
    }

    async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.FindByIdAsync(id, ct).ConfigureAwait(false);
        if (user == null)
        {
            return false;
        }

        Account = user;
        IsSelf = User.FindFirst(StationScope.UserIdClaim)?.Value == id.ToString(CultureInfo.InvariantCulture);
        Regions = await regions.ListAsync(ct).ConfigureAwait(false);
        Stations = user.Role == WebRoles.StationManager ? string.Join(", ", await users.StationsOfAsync(id, ct).ConfigureAwait(false)) : "";
        return true;
    }

    Task Audit(string action, string detail, CancellationToken ct) =>
        history.AuditAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), User.Identity?.Name ?? "?", action, null, detail, ct);
}
