using System.Globalization;
using System.Security.Claims;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Regions;

namespace Stations.Gateway.Web.Scope;

/// <summary>Works out a signed-in person's <see cref="StationAccess"/> on the server, for every page and API call.</summary>
public sealed class StationScope(UserStore users, RegionStore regions)
{
    /// <summary>Claim type carrying the user id.</summary>
    public const string UserIdClaim = ClaimTypes.NameIdentifier;

    /// <summary>Claim type carrying a union office's region id.</summary>
    public const string RegionClaim = "stations:region";

    /// <summary>Claim type carrying the user's session stamp when the session began (see <see cref="WebUser.SessionStamp"/>).</summary>
    public const string SessionStampClaim = "stations:session";

    /// <summary>The access of <paramref name="principal"/>; nothing at all when it is not a known user.</summary>
    public async Task<StationAccess> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name ?? "";
        var role = principal.FindFirstValue(ClaimTypes.Role) ?? "";
        switch (role)
        {
            case WebRoles.Administrator:
            case WebRoles.Technician:
                return StationAccess.All(name, role);
            case WebRoles.StationManager when long.TryParse(principal.FindFirstValue(UserIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var userId):
                return StationAccess.Only(name, role, await users.StationsOfAsync(userId, cancellationToken).ConfigureAwait(false));
            case WebRoles.UnionOffice when long.TryParse(principal.FindFirstValue(RegionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var regionId):
                var tree = RegionStore.Subtree(await regions.ListAsync(cancellationToken).ConfigureAwait(false), regionId);
                var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
                return StationAccess.Only(name, role, placed.Where(p => tree.Contains(p.Value)).Select(p => p.Key));
            default:
                return StationAccess.Only(name, role, []);
        }
    }

    /// <summary>
    /// True while a cookie session may still be used: its user exists, is enabled and was not changed (role, scope,
    /// password, disabled) since the cookie was issued.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return long.TryParse(principal.FindFirstValue(UserIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && long.TryParse(principal.FindFirstValue(SessionStampClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            && await users.IsSessionCurrentAsync(userId, stamp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The claims a signed-in <paramref name="user"/> carries.</summary>
    public static ClaimsIdentity IdentityFor(WebUser user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(UserIdClaim, user.UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(SessionStampClaim, user.SessionStamp.ToString(CultureInfo.InvariantCulture)),
        };
        if (user.RegionId is { } region)
        {
            claims.Add(new Claim(RegionClaim, region.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }
}
