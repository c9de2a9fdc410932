using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Commands;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;
using Stations.Gateway.Web.Status;

namespace Stations.Gateway.Web.Pages;

/// <summary>Who did what, when, with what result: every command (with the station's result) and every audited action in scope; times in the station's zone.</summary>
public sealed class AuditModel(StationScope scope, StationHistory history, StatusOverview overview, TimeProvider time) : PageModel
{
    /// <summary>Station id → time zone.</summary>
    public IReadOnlyDictionary<string, string> Zones { get; private set; } = new Dictionary<string, string>();

    /// <summary>A time in the station's own zone (Asia/Shanghai for entries without a station).</summary>
    public string LocalTime(long? utcMs, string? stationId) => StationTime.Format(utcMs, StationTime.ZoneOf(Zones, stationId));

    /// <summary>Commands in scope, newest first.</summary>
    public IReadOnlyList<CommandRecord> Commands { get; private set; } = [];

    /// <summary>Audit records in scope, newest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Now, UTC ms.</summary>
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Lists.</summary>
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        Zones = (await overview.ListAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.StationId, s => s.TimeZone, StringComparer.Ordinal);
        Commands = (await history.RecentCommandsAsync(1000, ct).ConfigureAwait(false)).Where(c => access.Contains(c.StationId)).Take(200).ToList();
        Entries = (await history.AuditAsync(1000, ct).ConfigureAwait(false))
            .Where(e => e.StationId == null ? access.SeesAll : access.Contains(e.StationId)).Take(200).ToList();
    }
}
