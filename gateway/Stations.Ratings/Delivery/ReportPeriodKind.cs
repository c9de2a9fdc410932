namespace Stations.Ratings.Delivery;

/// <summary>Which period a scheduled report covers, relative to the moment it runs.</summary>
public enum ReportPeriodKind
{
    /// <summary>The calendar month before the run (the usual monthly summary).</summary>
    PreviousMonth,

    /// <summary>The seven days before the run day.</summary>
    PreviousWeek,

    /// <summary>The day before the run day.</summary>
    PreviousDay,
}
