namespace Stations.Gateway.Web.Reports;

/// <summary>A row of <c>report_schedules</c>: which region's report goes to whom, when, in which formats and language.</summary>
public sealed class StoredReportSchedule
{
    /// <summary>Schedule id.</summary>
    public long ScheduleId { get; set; }

    /// <summary>The region reported on.</summary>
    public long RegionId { get; set; }

    /// <summary>Office name printed on the report (e.g. 南明区总工会).</summary>
    public string OfficeName { get; set; } = "";

    /// <summary>Comma-separated formats, e.g. <c>xlsx,pdf</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>Five-field cron expression, read in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = "";

    /// <summary>Comma-separated mail addresses.</summary>
    public string Recipients { get; set; } = "";

    /// <summary>Report language: zh-CN or en.</summary>
    public string Language { get; set; } = "zh-CN";

    /// <summary>The period each run covers (PreviousMonth, PreviousWeek, PreviousDay).</summary>
    public string PeriodKind { get; set; } = "PreviousMonth";

    /// <summary>IANA time zone of the cron expression.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When it was created (Unix ms).</summary>
    public long CreatedAtMs { get; set; }

    /// <summary>The id the Ratings scheduler and the outbox know it by.</summary>
    public string DeliveryScheduleId => "schedule-" + ScheduleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
