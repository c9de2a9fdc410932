using System.Globalization;

namespace Stations.Gateway.Web.Localization;

/// <summary>
/// A station's scheduled opening hours as people write them: "HH:mm" from 00:00 to 24:00, stored as minutes after local
/// midnight (stations.schedule_open_minute / schedule_close_minute; closes ≤ opens means overnight). One parser for the
/// administrator's page and the provisioning API.
/// </summary>
public static class OpeningHours
{
    /// <summary>The form a time must have, for messages.</summary>
    public const string Form = "HH:mm";

    /// <summary>Opening minute of a station that was given no hours (00:00).</summary>
    public const int DefaultOpenMinute = 0;

    /// <summary>Closing minute of a station that was given no hours (24:00).</summary>
    public const int DefaultCloseMinute = 1440;

    /// <summary>
    /// Reads "HH:mm" (00:00–23:59, two digits each, surrounding spaces ignored) or "24:00" as minutes after midnight;
    /// false for anything else, including an empty <paramref name="text"/>.
    /// </summary>
    public static bool TryParseMinute(string? text, out int minute)
    {
        minute = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed == "24:00")
        {
            minute = 1440;
            return true;
        }

        if (!TimeOnly.TryParseExact(trimmed, Form, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        minute = (time.Hour * 60) + time.Minute;
        return true;
    }

    /// <summary>"07:00" for 420, "24:00" for 1440.</summary>
    public static string Format(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");
}
