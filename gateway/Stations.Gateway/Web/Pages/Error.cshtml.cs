using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Stations.Gateway.Web.Pages;

/// <summary>What a person sees for 403 and 404 (the status code is kept): "not found or not one of your stations".</summary>
[AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    /// <summary>`NotFound`, `Forbidden` or `Other`.</summary>
    public string Kind { get; private set; } = "Other";

    /// <summary>Picks the message.</summary>
    public void OnGet(int code) => Kind = code switch
    {
        404 => "NotFound",
        403 => "Forbidden",
        _ => "Other",
    };
}
