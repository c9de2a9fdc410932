namespace Stations.Gateway.Web.History;

/// <summary>One station-local day of usage, from the daily rollup.</summary>
public sealed class DailyUsage
{
    /// <summary>Station-local date, yyyy-MM-dd.</summary>
    public string LocalDate { get; set; } = "";

    /// <summary>Visits.</summary>
    public long Visits { get; set; }

    /// <summary>Litres of water dispensed.</summary>
    public double Litres { get; set; }

    /// <summary>Charging sessions ended.</summary>
    public long ChargingSessions { get; set; }

    /// <summary>Energy delivered through outlets, Wh.</summary>
    public double ChargingWh { get; set; }
}
