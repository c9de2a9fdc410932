namespace Stations.Simulator.World;

/// <summary>Station-local calendar helpers for China Standard Time (UTC+8, no daylight saving).</summary>
public static class LocalTime
{
    /// <summary>Offset of Asia/Shanghai from UTC.</summary>
    public const long OffsetMs = 8 * 3_600_000L;

    /// <summary>Milliseconds in a day.</summary>
    public const long DayMs = 86_400_000L;

    /// <summary>Local day number since 1970-01-01 (local).</summary>
    public static long DayNumber(long utcMs) => Math.DivRem(utcMs + OffsetMs, DayMs, out long rem) - (rem < 0 ? 1 : 0);

    /// <summary>Local hour of day as a fraction, 0 ≤ h &lt; 24.</summary>
    public static double HourOfDay(long utcMs)
    {
        long ms = (utcMs + OffsetMs) % DayMs;
        if (ms < 0) ms += DayMs;
        return ms / 3_600_000.0;
    }

    /// <summary>Day of the year, 0 … 365, in local time.</summary>
    public static int DayOfYear(long utcMs) => DateTimeOffset.FromUnixTimeMilliseconds(utcMs + OffsetMs).UtcDateTime.DayOfYear - 1;

    /// <summary>Local day of week (Monday = 0).</summary>
    public static int DayOfWeek(long utcMs) => (int)(((DayNumber(utcMs) + 3) % 7 + 7) % 7);
}
