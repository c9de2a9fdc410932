using System.Globalization;

namespace Stations.Cli.Provisioning;

/// <summary>
/// The gateway's scheduled opening hours of a station (--opens/--closes): "HH:mm" from 00:00 to 24:00, the same form
/// the gateway accepts (its admin page and provisioning API), checked here so a typo stops before anything is sent.
/// </summary>
public static class ScheduledHours
{
    /// <summary>True when <paramref name="text"/> is "HH:mm" (00:00–23:59, two digits each; spaces around ignored) or "24:00".</summary>
    public static bool IsTime(string? text) => Minute(text) != null;

    /// <summary>Minutes after midnight of "HH:mm" or "24:00" (1440), or null.</summary>
    public static int? Minute(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string trimmed = text.Trim();
        if (trimmed == "24:00") return 1440;
        return TimeOnly.TryParseExact(trimmed, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? (time.Hour * 60) + time.Minute : null;
    }

    /// <summary>
    /// The one daily window of a board's `--hours` ("07:00-21:00": the same hours every day) as (opens, closes), or
    /// (null, null) for "24h", per-day hours ("mon=…,sat=…": the gateway keeps one window a day) or anything else.
    /// </summary>
    public static (string? Opens, string? Closes) DailyWindow(string? hours)
    {
        var parts = hours?.Split('-', StringSplitOptions.TrimEntries);
        return parts is [var opens, var closes] && IsTime(opens) && IsTime(closes) ? (opens, closes) : (null, null);
    }

    /// <summary>Whether closing at <paramref name="closes"/> is on the next day (closes ≤ opens), other than the whole day 00:00–24:00.</summary>
    public static bool Overnight(string? opens, string? closes) =>
        Minute(opens) is { } open && Minute(closes) is { } close && close <= open && !(open == 0 && close == 1440);
}
