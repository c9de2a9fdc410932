using Stations.Gateway.Web.Auth;

namespace Stations.Gateway.Web.Scope;

/// <summary>What one signed-in person may see and do: which stations, and whether they may act (acknowledge, command).</summary>
public sealed class StationAccess
{
    readonly HashSet<string>? stations;

    StationAccess(string userName, string role, HashSet<string>? stations)
    {
        UserName = userName;
        Role = role;
        this.stations = stations;
    }

    /// <summary>The person's sign-in name (what the audit log records).</summary>
    public string UserName { get; }

    /// <summary>The person's role.</summary>
    public string Role { get; }

    /// <summary>True for administrators and technicians: every station.</summary>
    public bool SeesAll => stations == null;

    /// <summary>May acknowledge alarms and send commands (not union offices: they are read-only).</summary>
    public bool CanOperate => Role is WebRoles.Administrator or WebRoles.Technician or WebRoles.StationManager;

    /// <summary>May change stations, regions, users and schedules.</summary>
    public bool CanAdminister => Role == WebRoles.Administrator;

    /// <summary>May edit station configuration.</summary>
    public bool CanConfigure => Role is WebRoles.Administrator or WebRoles.Technician;

    /// <summary>True when the station is in scope.</summary>
    public bool Contains(string stationId) => stations == null || stations.Contains(stationId);

    /// <summary>Access to every station.</summary>
    public static StationAccess All(string userName, string role) => new(userName, role, null);

    /// <summary>Access to the listed stations only.</summary>
    public static StationAccess Only(string userName, string role, IEnumerable<string> stationIds) => new(userName, role, new HashSet<string>(stationIds, StringComparer.Ordinal));
}
