namespace Stations.Gateway.Web;

/// <summary>Names of the web's authentication scheme and authorization policies.</summary>
public static class WebPolicies
{
    /// <summary>Picks the API-token scheme for `Authorization: Bearer`, else the cookie.</summary>
    public const string SmartScheme = "CookieOrToken";

    /// <summary>Administrators only.</summary>
    public const string Administer = "administer";

    /// <summary>Administrators and technicians (station configuration).</summary>
    public const string Configure = "configure";
}
