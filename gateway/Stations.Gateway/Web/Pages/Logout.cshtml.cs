using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Stations.Gateway.Web.Pages;

/// <summary>Signs out (POST only, anti-forgery checked) and returns to the sign-in page.</summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>A GET does nothing but go home.</summary>
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Removes the cookie.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return LocalRedirect("/login");
    }
}
