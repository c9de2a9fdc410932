using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stations.Gateway.Alarms;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;
using Stations.Gateway.Web.Status;

namespace Stations.Gateway.Web.Pages;

/// <summary>
/// Alarms in scope: active ones (with what is overdue), acknowledge with a note, and the last 30 days' history; times
/// in each station's own time zone.
/// </summary>
public sealed class AlarmsModel(StationScope scope, AlarmService alarms, StationHistory history, StatusOverview overview, TimeProvider time) : PageModel
{
    /// <summary>An unacknowledged critical alarm is overdue after this long.</summary>
    public static readonly TimeSpan CriticalAckDue = TimeSpan.FromMinutes(30);

    /// <summary>An unacknowledged warning is overdue after this long.</summary>
    public static readonly TimeSpan WarningAckDue = TimeSpan.FromHours(4);

    /// <summary>Who is looking.</summary>
    public StationAccess Access { get; private set; } = StationAccess.Only("", "", []);

    /// <summary>Active alarms shown per page.</summary>
    public const int PageSize = 100;

    /// <summary>This page of the active alarms in scope, overdue first.</summary>
    public IReadOnlyList<AlarmRecord> Active { get; private set; } = [];

    /// <summary>Active alarms in scope, on all pages.</summary>
    public int ActiveTotal { get; private set; }

    /// <summary>This page (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages in all (at least 1).</summary>
    public int Pages { get; private set; } = 1;

    /// <summary>Alarms of the last 30 days in scope.</summary>
    public IReadOnlyList<AlarmRecord> Past { get; private set; } = [];

    /// <summary>Station id → name.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>Station id → time zone.</summary>
    public IReadOnlyDictionary<string, string> Zones { get; private set; } = new Dictionary<string, string>();

    /// <summary>"2026-11-23 14:05" in the station's own zone.</summary>
    public string LocalTime(long? utcMs, string stationId) => StationTime.Format(utcMs, StationTime.ZoneOf(Zones, stationId));

    /// <summary>Now, UTC ms.</summary>
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A message key to show after acknowledging.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>True when the alarm has waited for an acknowledgement longer than its severity allows.</summary>
    public bool IsOverdue(AlarmRecord alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var due = alarm.Severity == "crit" ? CriticalAckDue : WarningAckDue;
        return alarm.AcknowledgedAtMs == null && alarm.ClearedAtMs == null && NowMs - alarm.RaisedAtMs > due.TotalMilliseconds;
    }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(int p = 1)
    {
        var ct = HttpContext.RequestAborted;
        Access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var stations = await overview.ListAsync(ct).ConfigureAwait(false);
        Names = stations.ToDictionary(s => s.StationId, s => s.Name, StringComparer.Ordinal);
        Zones = stations.ToDictionary(s => s.StationId, s => s.TimeZone, StringComparer.Ordinal);
        var active = (await alarms.ListActiveAsync(null, ct).ConfigureAwait(false)).Where(a => Access.Contains(a.StationId)).OrderByDescending(IsOverdue).ThenByDescending(a => a.RaisedAtMs).ToList();
        ActiveTotal = active.Count;
        Pages = Math.Max(1, (active.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p, 1, Pages);
        Active = active.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Past = (await history.AlarmsSinceAsync(NowMs - (long)TimeSpan.FromDays(30).TotalMilliseconds, 2000, ct).ConfigureAwait(false))
            .Where(a => a.ClearedAtMs != null && Access.Contains(a.StationId)).Take(200).ToList();
    }

    /// <summary>Acknowledges an alarm in scope.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(long alarmId, string? note)
    {
        var ct = HttpContext.RequestAborted;
        Access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        var alarm = await alarms.FindAsync(alarmId, ct).ConfigureAwait(false);
        if (alarm == null || !Access.Contains(alarm.StationId))
        {
            return NotFound();
        }

        if (!Access.CanOperate)
        {
            return Forbid();
        }

        var done = await alarms.AcknowledgeAsync(alarmId, Access.UserName, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct).ConfigureAwait(false);
        Notice = done ? "Alarm_Acknowledged" : "Alarm_AlreadyAcknowledged";
        return RedirectToPage();
    }
}
