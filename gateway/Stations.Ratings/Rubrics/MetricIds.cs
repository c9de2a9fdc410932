namespace Stations.Ratings.Rubrics;

/// <summary>The measured quantities a rubric item can score; each is computed from daily rollups and fault records.</summary>
public static class MetricIds
{
    /// <summary>Visits per scheduled day.</summary>
    public const string VisitsPerScheduledDay = "visitsPerScheduledDay";
    /// <summary>Litres of water per scheduled day.</summary>
    public const string LitresPerScheduledDay = "litresPerScheduledDay";
    /// <summary>Charging sessions per scheduled day.</summary>
    public const string ChargingSessionsPerScheduledDay = "chargingSessionsPerScheduledDay";
    /// <summary>Share (0..1) of scheduled days with at least one visit.</summary>
    public const string DaysWithVisitShare = "daysWithVisitShare";
    /// <summary>Open minutes within schedule / scheduled minutes (0..1).</summary>
    public const string OpeningAdherence = "openingAdherence";
    /// <summary>Share (0..1) of scheduled days opened on time.</summary>
    public const string OnTimeOpeningShare = "onTimeOpeningShare";
    /// <summary>Water dispenser available / expected minutes (0..1).</summary>
    public const string DispenserAvailability = "dispenserAvailability";
    /// <summary>Charging outlets available / expected outlet-minutes (0..1).</summary>
    public const string OutletAvailability = "outletAvailability";
    /// <summary>Climate equipment and sensors available / expected minutes (0..1).</summary>
    public const string ClimateAvailability = "climateAvailability";
    /// <summary>Telemetry received / expected (0..1).</summary>
    public const string TelemetryCompleteness = "telemetryCompleteness";
    /// <summary>Comfort minutes / occupied minutes, heat-wave days weighted (0..1).</summary>
    public const string ComfortShare = "comfortShare";
    /// <summary>Minutes above 32 °C or below 10 °C / occupied minutes (0..1, lower is better).</summary>
    public const string ExtremeTemperatureShare = "extremeTemperatureShare";
    /// <summary>Median minutes from alarm raised to cleared (lower is better).</summary>
    public const string MedianRepairMinutes = "medianRepairMinutes";
    /// <summary>Median minutes from alarm raised to acknowledged (lower is better).</summary>
    public const string MedianAcknowledgeMinutes = "medianAcknowledgeMinutes";
    /// <summary>Share (0..1) of safety trips followed up within 24 h.</summary>
    public const string SafetyFollowUpShare = "safetyFollowUpShare";

    /// <summary>Every metric a rubric may name.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        VisitsPerScheduledDay, LitresPerScheduledDay, ChargingSessionsPerScheduledDay, DaysWithVisitShare,
        OpeningAdherence, OnTimeOpeningShare,
        DispenserAvailability, OutletAvailability, ClimateAvailability, TelemetryCompleteness,
        ComfortShare, ExtremeTemperatureShare,
        MedianRepairMinutes, MedianAcknowledgeMinutes, SafetyFollowUpShare,
    ];

    /// <summary>Whether the metric is a share in 0..1 (shown as a percentage).</summary>
    public static bool IsShare(string metric) => metric is not (VisitsPerScheduledDay or LitresPerScheduledDay
        or ChargingSessionsPerScheduledDay or MedianRepairMinutes or MedianAcknowledgeMinutes);

    /// <summary>Whether the metric is a duration in minutes.</summary>
    public static bool IsMinutes(string metric) => metric is MedianRepairMinutes or MedianAcknowledgeMinutes;
}
