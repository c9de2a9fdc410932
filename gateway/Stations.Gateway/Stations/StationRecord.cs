namespace Stations.Gateway.Stations;

/// <summary>A registered station: identity, time zone and opening schedule (minutes after local midnight).</summary>
public sealed record StationRecord(
    string StationId,
    string Name,
    string TimeZone,
    bool Enabled,
    int ScheduleOpenMinute,
    int ScheduleCloseMinute,
    string? ConfigJson)
{
    /// <summary>Scheduled open minutes per day (a close before the open means the schedule crosses midnight).</summary>
    public int ScheduledMinutesPerDay =>
        ScheduleCloseMinute > ScheduleOpenMinute ? ScheduleCloseMinute - ScheduleOpenMinute : 1440 - ScheduleOpenMinute + ScheduleCloseMinute;
}
