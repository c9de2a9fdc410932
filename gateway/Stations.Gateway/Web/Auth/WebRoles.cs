namespace Stations.Gateway.Web.Auth;

/// <summary>The four roles people sign in with, and what each may do.</summary>
public static class WebRoles
{
    /// <summary>Everything, including users, regions and station credentials.</summary>
    public const string Administrator = "admin";

    /// <summary>Every station: status, alarms, commands, station configuration.</summary>
    public const string Technician = "technician";

    /// <summary>Only the stations assigned to them: status, alarms, commands.</summary>
    public const string StationManager = "manager";

    /// <summary>Only the stations of its region subtree, read-only (status, ratings, reports).</summary>
    public const string UnionOffice = "union";

    /// <summary>Every role, in the order the admin screen lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Technician, StationManager, UnionOffice];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? role) => role != null && All.Contains(role);
}
