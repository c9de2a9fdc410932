namespace Stations.Simulator.World;

/// <summary>
/// How visits spread over a day: sanitation workers at dawn, delivery riders at the lunch and evening peaks,
/// couriers in the afternoon. Shares per local hour sum to 1; the profile scales them by visits per day.
/// </summary>
public static class VisitorProfile
{
    private static readonly double[] RiderDay = Normalise(new double[]
    {
        0.2, 0.1, 0.1, 0.1, 0.3, 1.2, 1.8, 1.6, 1.2, 1.3, 2.0, 4.0,
        4.5, 3.0, 1.8, 1.6, 2.0, 3.5, 4.0, 3.0, 2.0, 1.2, 0.7, 0.4,
    });

    /// <summary>Share of a day's visits that fall in the given local hour (0 … 23).</summary>
    public static double HourShare(int hour) => RiderDay[hour];

    /// <summary>Expected arrivals per hour at a moment, given the station's visits per day (before opening hours).</summary>
    public static double ArrivalsPerHour(double visitsPerDay, double localHour, int dayOfWeek)
    {
        double weekend = dayOfWeek >= 5 ? 0.8 : 1.0;
        return visitsPerDay * RiderDay[(int)localHour % 24] * weekend;
    }

    private static double[] Normalise(double[] weights)
    {
        double sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }
}
