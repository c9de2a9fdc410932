using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages;

/// <summary>The signed-in user's own account: change the password (the current one is asked for; other sessions end).</summary>
public sealed class AccountModel(UserStore users, StationHistory history, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>An error to show, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>A message to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Changes the password and signs this browser in again (other sessions end).</summary>
    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? confirmPassword)
    {
        var ct = HttpContext.RequestAborted;
        if (!long.TryParse(User.FindFirstValue(StationScope.UserIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return Forbid();
        }

        try
        {
            await users.ChangeOwnPasswordAsync(userId, currentPassword ?? "", newPassword ?? "", confirmPassword ?? "", ct).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Failure = e.Message;
            return Page();
        }

        var user = await users.FindByIdAsync(userId, ct).ConfigureAwait(false);
        await history.AuditAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), User.Identity?.Name ?? "?", "user.password-change", null, User.Identity?.Name ?? "", ct).ConfigureAwait(false);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(StationScope.IdentityFor(user!, CookieAuthenticationDefaults.AuthenticationScheme))).ConfigureAwait(false);
        Notice = l["Account_PasswordChanged"];
        return RedirectToPage();
    }
}
