using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Alarms;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Charts;
using Stations.Gateway.Web.Commands;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Pages.Stations;

/// <summary>One station: devices and their states, active alarms (acknowledge), commands (send, follow), charts, recent events.</summary>
public sealed class DetailModel(
    StationScope scope,
    StationStatusService status,
    StationRegistry registry,
    AlarmService alarms,
    CommandService commands,
    StationHistory history,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Who is looking.</summary>
    public StationAccess Access { get; private set; } = StationAccess.Only("", "", []);

    /// <summary>The station's registration.</summary>
    public StationRecord Station { get; private set; } = null!;

    /// <summary>The station's state.</summary>
    public StationStatus State { get; private set; } = null!;

    /// <summary>Devices.</summary>
    public IReadOnlyList<DeviceStatus> Devices { get; private set; } = [];

    /// <summary>Active alarms.</summary>
    public IReadOnlyList<AlarmRecord> ActiveAlarms { get; private set; } = [];

    /// <summary>Recent commands.</summary>
    public IReadOnlyList<CommandRecord> Commands { get; private set; } = [];

    /// <summary>Recent events.</summary>
    public IReadOnlyList<StationEvent> Events { get; private set; } = [];

    /// <summary>Charts (SVG markup): temperature, visits, water, charging.</summary>
    public IReadOnlyList<(string Title, string Svg)> Charts { get; private set; } = [];

    /// <summary>A message key to show after an action, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>An error message to show after an action, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>Now, UTC ms.</summary>
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Shows the station (404 when it is outside the viewer's scope).</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var ct = HttpContext.RequestAborted;
        Devices = await status.DevicesAsync(id, ct).ConfigureAwait(false);
        ActiveAlarms = await alarms.ListActiveAsync(id, ct).ConfigureAwait(false);
        Commands = await commands.ListAsync(id, 20, ct).ConfigureAwait(false);
        Events = await history.RecentEventsAsync(id, 30, ct).ConfigureAwait(false);
        var zone = StationTime.Zone(Station.TimeZone);
        var today = StationTime.LocalDate(time.GetUtcNow(), Station.TimeZone);
        var days = await history.DailyUsageAsync(id, today.AddDays(-29), today, ct).ConfigureAwait(false);
        var temperatures = await history.TemperaturesAsync(id, NowMs - (long)TimeSpan.FromHours(24).TotalMilliseconds, ct).ConfigureAwait(false);
        Charts =
        [
            (l["Chart_Temperature"], SvgChart.Line(temperatures, l["Chart_Temperature"], "°C", zone)),
            (l["Chart_Visits"], SvgChart.Bars(days.Select(d => (d.LocalDate[5..], (double)d.Visits)).ToList(), l["Chart_Visits"], l["Unit_Visits"])),
            (l["Chart_Water"], SvgChart.Bars(days.Select(d => (d.LocalDate[5..], d.Litres)).ToList(), l["Chart_Water"], "L")),
            (l["Chart_Charging"], SvgChart.Bars(days.Select(d => (d.LocalDate[5..], (double)d.ChargingSessions)).ToList(), l["Chart_Charging"], l["Unit_Sessions"])),
        ];
        ViewData["LiveSrc"] = "/live/stations/" + id;
        return Page();
    }

    /// <summary>Acknowledges an alarm of this station with a note.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(string id, long alarmId, string? note)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!Access.CanOperate)
        {
            return Forbid();
        }

        var alarm = await alarms.FindAsync(alarmId, HttpContext.RequestAborted).ConfigureAwait(false);
        if (alarm == null || alarm.StationId != id)
        {
            return NotFound();
        }

        var done = await alarms.AcknowledgeAsync(alarmId, Access.UserName, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), HttpContext.RequestAborted).ConfigureAwait(false);
        Notice = done ? "Alarm_Acknowledged" : "Alarm_AlreadyAcknowledged";
        return RedirectToPage(new { id });
    }

    /// <summary>Sends a command to this station (audited by the command service).</summary>
    public async Task<IActionResult> OnPostCommandAsync(string id, string name, string? dev)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!Access.CanOperate)
        {
            return Forbid();
        }

        if (!CommandProgress.Offered.TryGetValue(name ?? "", out var deviceKind))
        {
            Failure = l["Command_Unknown"];
            return RedirectToPage(new { id });
        }

        JsonObject? args = null;
        if (deviceKind != null)
        {
            var devices = await status.DevicesAsync(id, HttpContext.RequestAborted).ConfigureAwait(false);
            if (!devices.Any(d => d.DeviceId == dev && d.Kind == deviceKind))
            {
                Failure = l["Command_UnknownDevice", dev ?? ""];
                return RedirectToPage(new { id });
            }

            args = new JsonObject { ["dev"] = dev };
        }
        else if (name == "config.set")
        {
            if (string.IsNullOrWhiteSpace(Station.ConfigJson))
            {
                Failure = l["Command_NoConfig", id];
                return RedirectToPage(new { id });
            }

            args = new JsonObject { ["config"] = JsonNode.Parse(Station.ConfigJson) };
        }

        await commands.SendAsync(id, name!, args, TimeSpan.FromMinutes(10), Access.UserName, HttpContext.RequestAborted).ConfigureAwait(false);
        Notice = "Command_Sent";
        return RedirectToPage(new { id });
    }

    async Task<bool> LoadAsync(string id)
    {
        var ct = HttpContext.RequestAborted;
        Access = await scope.ResolveAsync(User, ct).ConfigureAwait(false);
        if (!Access.Contains(id))
        {
            return false;
        }

        var station = await registry.FindAsync(id, ct).ConfigureAwait(false);
        var state = await status.FindAsync(id, ct).ConfigureAwait(false);
        if (station == null || state == null)
        {
            return false;
        }

        Station = station;
        State = state;
        return true;
    }
}
