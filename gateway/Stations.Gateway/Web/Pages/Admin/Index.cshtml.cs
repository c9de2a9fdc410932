using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;

namespace Stations.Gateway.Web.Pages.Admin;

/// <summary>Administration: regions and union offices, stations (MQTT credentials shown once), users and roles, API tokens.</summary>
public sealed class IndexModel(RegionStore regions, StationRegistry registry, UserStore users, StationHistory history, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Regions.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>Stations.</summary>
    public IReadOnlyList<StationRecord> Stations { get; private set; } = [];

    /// <summary>Station → region.</summary>
    public IReadOnlyDictionary<string, long> Placement { get; private set; } = new Dictionary<string, long>();

    /// <summary>Users.</summary>
    public IReadOnlyList<WebUser> Users { get; private set; } = [];

    /// <summary>Manager user id → station ids.</summary>
    public Dictionary<long, IReadOnlyList<string>> ManagerStations { get; } = [];

    /// <summary>A secret shown once (new station password or API token), or null.</summary>
    [TempData]
    public string? Secret { get; set; }

    /// <summary>What the secret is for.</summary>
    [TempData]
    public string? SecretFor { get; set; }

    /// <summary>An error to show, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>A message to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Lists everything.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Regions = await regions.ListAsync(ct).ConfigureAwait(false);
        Stations = await registry.ListAsync(ct).ConfigureAwait(false);
        Placement = await regions.StationRegionsAsync(ct).ConfigureAwait(false);
        Users = await users.ListAsync(ct).ConfigureAwait(false);
        foreach (var user in Users.Where(u => u.Role == WebRoles.StationManager))
        {
            ManagerStations[user.UserId] = await users.StationsOfAsync(user.UserId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a region.</summary>
    public Task<IActionResult> OnPostRegionAsync(string name, string? unionOffice, long? parentId) => Do(async ct =>
    {
        await regions.CreateAsync(name, unionOffice ?? "", parentId, ct).ConfigureAwait(false);
        await Audit("region.create", null, name, ct).ConfigureAwait(false);
    });

    /// <summary>Renames a region and its union office.</summary>
    public Task<IActionResult> OnPostRenameRegionAsync(long regionId, string name, string? unionOffice) => Do(async ct =>
    {
        await regions.RenameAsync(regionId, name, unionOffice, ct).ConfigureAwait(false);
        await Audit("region.rename", null, regionId.ToString(CultureInfo.InvariantCulture) + " " + name, ct).ConfigureAwait(false);
    });

    /// <summary>Removes a region nothing points at (refused with what still does).</summary>
    public Task<IActionResult> OnPostRemoveRegionAsync(long regionId) => Do(async ct =>
    {
        await regions.RemoveAsync(regionId, ct).ConfigureAwait(false);
        await Audit("region.remove", null, regionId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
    });

    /// <summary>Adds a station (or gives an existing one new credentials) and shows its MQTT password once.</summary>
    public Task<IActionResult> OnPostStationAsync(string stationId, string? name, string? timeZone, string? opens, string? closes, long? regionId, string? address) => Do(async ct =>
    {
        stationId = (stationId ?? "").Trim();
        if (!StationRegistry.StationIdPattern().IsMatch(stationId))
        {
            throw new ArgumentException(l["Admin_BadStationId", stationId]);
        }

        var zone = string.IsNullOrWhiteSpace(timeZone) ? StationTime.DefaultZone : timeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw new ArgumentException(l["Admin_BadTimeZone", zone]);
        }

        var open = ParseMinute(opens, OpeningHours.DefaultOpenMinute);
        var close = ParseMinute(closes, OpeningHours.DefaultCloseMinute);
        var password = NewStationPassword();
        await registry.RegisterAsync(stationId, password, string.IsNullOrWhiteSpace(name) ? stationId : name.Trim(), zone, open, close, ct).ConfigureAwait(false);
        if (regionId is { } region)
        {
            await regions.PlaceStationAsync(stationId, region, address, ct).ConfigureAwait(false);
        }

        await Audit("station.credentials", stationId, "registered / new MQTT password", ct).ConfigureAwait(false);
        Secret = password;
        SecretFor = l["Admin_SecretStation", stationId];
    });

    /// <summary>Gives an existing station a new MQTT password (shown once); the old one stops working.</summary>
    public Task<IActionResult> OnPostRotateAsync(string stationId) => Do(async ct =>
    {
        var station = await registry.FindAsync(stationId, ct).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoStation", stationId]);
        var password = NewStationPassword();
        await registry.RegisterAsync(station.StationId, password, station.Name, station.TimeZone, station.ScheduleOpenMinute, station.ScheduleCloseMinute, ct).ConfigureAwait(false);
        await Audit("station.credentials", stationId, "new MQTT password", ct).ConfigureAwait(false);
        Secret = password;
        SecretFor = l["Admin_SecretStation", stationId];
    });

    /// <summary>Adds a user; a manager's stations are a comma-separated list of ids.</summary>
    public Task<IActionResult> OnPostUserAsync(string userName, string? displayName, string role, long? regionId, string? stations, string password) => Do(async ct =>
    {
        var id = await users.CreateAsync(userName, displayName ?? "", role, regionId, password, ct).ConfigureAwait(false);
        if (role == WebRoles.StationManager)
        {
            await users.AssignStationsAsync(id, await CheckedStationsAsync(registry, l, stations, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        await Audit("user.create", null, userName + " " + role, ct).ConfigureAwait(false);
    });

    /// <summary>Makes an API token for a user (shown once).</summary>
    public Task<IActionResult> OnPostTokenAsync(long userId) => Do(async ct =>
    {
        var user = await users.FindByIdAsync(userId, ct).ConfigureAwait(false) ?? throw new ArgumentException(l["Admin_NoUser"]);
        Secret = await users.CreateApiTokenAsync(userId, "web", ct).ConfigureAwait(false);
        SecretFor = l["Admin_SecretToken", user.UserName];
        await Audit("token.create", null, user.UserName, ct).ConfigureAwait(false);
    });

    async Task<IActionResult> Do(Func<CancellationToken, Task> action)
    {
        try
        {
            await action(HttpContext.RequestAborted).ConfigureAwait(false);
            Notice ??= l["Admin_Saved"];
        }
        catch (ArgumentException e)
        {
            Failure = e.Message;
        }

        return RedirectToPage();
    }

    Task Audit(string action, string? stationId, string detail, CancellationToken ct) =>
        history.AuditAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), User.Identity?.Name ?? "?", action, stationId, detail, ct);

    int ParseMinute(string? text, int fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return OpeningHours.TryParseMinute(text, out var minute) ? minute : throw new ArgumentException(l["Admin_BadTime", text]);
    }

    /// <summary>A manager's stations typed as "a, b c，d": each must be registered.</summary>
    internal static async Task<string[]> CheckedStationsAsync(StationRegistry registry, IStringLocalizer<SharedResource> l, string? stations, CancellationToken ct)
    {
        var list = (stations ?? "").Split([',', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var stationId in list)
        {
            if (await registry.FindAsync(stationId, ct).ConfigureAwait(false) == null)
            {
                throw new ArgumentException(l["Admin_NoStation", stationId]);
            }
        }

        return list;
    }

    static string NewStationPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
