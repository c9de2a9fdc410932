using System.Globalization;

namespace Stations.Gateway.Web.Localization;

/// <summary>Shows UTC instants in a station's time zone (default Asia/Shanghai).</summary>
public static class StationTime
{
    /// <summary>The zone used when a station names none or an unknown one.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>The time zone called <paramref name="zoneId"/>, or Asia/Shanghai.</summary>
    public static TimeZoneInfo Zone(string? zoneId)
    {
        if (!string.IsNullOrEmpty(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);
    }

    /// <summary>"2026-11-23 14:05" in the station's zone; "—" for 0 or null.</summary>
    public static string Format(long? utcMs, string? zoneId)
    {
        if (utcMs is not { } ms || ms <= 0)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), Zone(zoneId));
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The zone of <paramref name="stationId"/> from a station id → zone map; Asia/Shanghai when unknown or null.</summary>
    public static string ZoneOf(IReadOnlyDictionary<string, string> zones, string? stationId)
    {
        ArgumentNullException.ThrowIfNull(zones);
        return stationId != null && zones.TryGetValue(stationId, out var zone) ? zone : DefaultZone;
    }

    /// <summary>The station-local date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset utc, string? zoneId) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Zone(zoneId)).DateTime);
}
