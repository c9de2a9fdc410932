using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages;

/// <summary>Sign-in: checks the password (with lockout) and issues the HttpOnly, SameSite=Lax cookie.</summary>
public sealed class LoginModel(UserStore users) : PageModel
{
    /// <summary>Error resource key to show, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The name typed.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Signs in, or shows why not.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, user) = await users.SignInAsync(UserName ?? "", Password ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
        if (outcome != SignInOutcome.Success || user == null)
        {
            Error = "SignIn_" + outcome;
            return Page();
        }

        var principal = new ClaimsPrincipal(StationScope.IdentityFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
