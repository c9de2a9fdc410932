namespace Stations.Simulator.World;

/// <summary>
/// Outdoor weather for a region: a seasonal curve, a daily swing (warmest at 15:00, coolest at 03:00) and a random
/// anomaly per day (heat waves, cold snaps) that is the same for every station of the fleet on that day.
/// </summary>
public sealed class Weather
{
    private readonly long _seed;
    private long _cachedDay = long.MinValue;
    private double _cachedAnomaly;

    /// <summary>Creates the weather of a region.</summary>
    public Weather(long seed, double annualMeanCelsius = 21.5, double seasonalSwingCelsius = 8.0, double dailySwingCelsius = 4.0)
    {
        _seed = seed;
        AnnualMeanCelsius = annualMeanCelsius;
        SeasonalSwingCelsius = seasonalSwingCelsius;
        DailySwingCelsius = dailySwingCelsius;
    }

    /// <summary>Yearly mean outdoor temperature.</summary>
    public double AnnualMeanCelsius { get; }

    /// <summary>Half the difference between the warmest and coolest month.</summary>
    public double SeasonalSwingCelsius { get; }

    /// <summary>Half the difference between afternoon and dawn.</summary>
    public double DailySwingCelsius { get; }

    /// <summary>The day's anomaly in °C: most days within ±2, a few heat-wave or cold-snap days beyond ±5.</summary>
    public double DayAnomalyCelsius(long utcMs)
    {
        long day = LocalTime.DayNumber(utcMs);
        if (day != _cachedDay)
        {
            var r = SimRandom.For(_seed, "weather-day", day);
            double anomaly = r.Gaussian() * 1.8;
            if (r.Chance(0.06)) anomaly += r.Chance(0.5) ? r.Range(4, 7) : -r.Range(4, 7);
            _cachedAnomaly = anomaly;
            _cachedDay = day;
        }
        return _cachedAnomaly;
    }

    /// <summary>Outdoor temperature at a moment.</summary>
    public double OutdoorCelsius(long utcMs)
    {
        // Warmest around 20 July (day 200), coolest around 20 January.
        double season = Math.Cos(2 * Math.PI * (LocalTime.DayOfYear(utcMs) - 200) / 365.0);
        double hour = LocalTime.HourOfDay(utcMs);
        double daily = Math.Cos(2 * Math.PI * (hour - 15) / 24.0);
        return AnnualMeanCelsius + SeasonalSwingCelsius * season + DailySwingCelsius * daily + DayAnomalyCelsius(utcMs);
    }

    /// <summary>Outdoor relative humidity: humid at dawn and in summer, drier in winter afternoons.</summary>
    public double OutdoorHumidityPercent(long utcMs)
    {
        double season = Math.Cos(2 * Math.PI * (LocalTime.DayOfYear(utcMs) - 180) / 365.0);
        double hour = LocalTime.HourOfDay(utcMs);
        double daily = Math.Cos(2 * Math.PI * (hour - 5) / 24.0);
        double rh = 70 + 10 * season + 12 * daily - DayAnomalyCelsius(utcMs);
        return Math.Clamp(rh, 20, 99);
    }
}
