namespace Stations.Gateway.Rollups;

/// <summary>Settings under `Gateway:Rollups`.</summary>
public sealed class RollupOptions
{
    /// <summary>How often dirty station-days are recomputed from raw.</summary>
    public int RecomputeEverySeconds { get; set; } = 60;

    /// <summary>Months using the summer comfort band (others use the winter band).</summary>
    public int[] SummerMonths { get; set; } = [5, 6, 7, 8, 9];

    /// <summary>Summer comfort band, lower bound °C.</summary>
    public double SummerComfortMinCelsius { get; set; } = 20;

    /// <summary>Summer comfort band, upper bound °C.</summary>
    public double SummerComfortMaxCelsius { get; set; } = 28;

    /// <summary>Winter comfort band, lower bound °C.</summary>
    public double WinterComfortMinCelsius { get; set; } = 16;

    /// <summary>Winter comfort band, upper bound °C.</summary>
    public double WinterComfortMaxCelsius { get; set; } = 26;

    /// <summary>Open minutes above this count as hot.</summary>
    public double HotAboveCelsius { get; set; } = 32;

    /// <summary>Open minutes below this count as cold.</summary>
    public double ColdBelowCelsius { get; set; } = 10;

    /// <summary>A station open within this many minutes after its scheduled opening opened on time.</summary>
    public int OnTimeGraceMinutes { get; set; } = 10;
}
