namespace Stations.Ratings.Reports;

/// <summary>The station table's columns, in order, shared by the XLSX and CSV writers (headers come from the .resx).</summary>
internal static class ReportColumns
{
    public static readonly (string Key, Func<StationReportRow, object?> Value)[] Stations =
    [
        ("StationId", r => r.StationId),
        ("StationName", r => r.Name),
        ("Province", r => r.Province),
        ("City", r => r.City),
        ("District", r => r.District),
        ("Visits", r => r.Visits),
        ("Litres", r => r.Litres),
        ("ChargingSessions", r => r.ChargingSessions),
        ("EnergyKwh", r => r.EnergyKwh),
        ("AdherencePercent", r => r.AdherencePercent),
        ("OnTimePercent", r => r.OnTimePercent),
        ("DispenserPercent", r => r.DispenserPercent),
        ("OutletPercent", r => r.OutletPercent),
        ("ClimatePercent", r => r.ClimatePercent),
        ("TelemetryPercent", r => r.TelemetryPercent),
        ("ComfortPercent", r => r.ComfortPercent),
        ("AckMinutes", r => r.AckMinutes),
        ("RepairMinutes", r => r.RepairMinutes),
        ("SafetyTrips", r => r.SafetyTrips),
        ("Score", r => r.Score),
        ("Stars", r => r.Stars),
        ("PreviousStars", r => r.PreviousStars),
        ("ScoreChange", r => r.ScoreChange),
        ("Movement", r => r.Movement),
        ("Status", r => r.Status),
        ("CapsApplied", r => r.Caps),
        ("Advice", r => r.Advice),
    ];

    /// <summary>The summary sheet's indicator rows.</summary>
    public static IEnumerable<(string Key, object? Value)> Summary(UsageSummary s) =>
    [
        ("Stations", s.Stations),
        ("RatedStations", s.RatedStations),
        ("Visits", s.Visits),
        ("Litres", Math.Round(s.Litres, 1)),
        ("ChargingSessions", s.ChargingSessions),
        ("EnergyKwh", Math.Round(s.EnergyKwh, 2)),
        ("AdherencePercent", Round(s.AdherencePercent)),
        ("DispenserPercent", s.DispenserPercent),
        ("OutletPercent", s.OutletPercent),
        ("ClimatePercent", s.ClimatePercent),
        ("ComfortPercent", s.ComfortPercent),
        ("AckMinutes", s.AckMinutes),
        ("RepairMinutes", s.RepairMinutes),
        ("SafetyTrips", s.SafetyTrips),
        ("AverageScore", Round(s.AverageScore)),
        ("Promoted", s.Promoted),
        ("Demoted", s.Demoted),
        ("UnderRectification", s.UnderRectification),
        ("EvidenceInsufficientCount", s.EvidenceInsufficient),
    ];

    private static double? Round(double? v) => v is null ? null : Math.Round(v.Value, 1);
}
