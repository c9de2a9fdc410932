namespace Stations.Ratings.Delivery;

/// <summary>A union office's report subscription: when (cron, office time zone), what region, which formats, to whom.</summary>
public sealed record ReportSchedule
{
    /// <summary>Unique id (used for its state and outbox entries), e.g. <c>fuzhou-monthly</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Office name, e.g. 福州市总工会.</summary>
    public required string OfficeName { get; init; }

    /// <summary>Region the office covers.</summary>
    public required Reports.RegionScope Scope { get; init; }

    /// <summary>Five-field cron expression (Cronos), e.g. <c>0 8 1 * *</c> = 08:00 on the 1st of each month.</summary>
    public required string Cron { get; init; }

    /// <summary>IANA time zone the cron expression is read in.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Mail recipients.</summary>
    public required IReadOnlyList<string> Recipients { get; init; }

    /// <summary>Attached formats.</summary>
    public IReadOnlyList<ReportFormat> Formats { get; init; } = [ReportFormat.Xlsx, ReportFormat.Pdf];

    /// <summary>Report language: <c>zh-CN</c> (default) or <c>en</c>.</summary>
    public string Culture { get; init; } = "zh-CN";

    /// <summary>The period each run covers.</summary>
    public ReportPeriodKind Period { get; init; } = ReportPeriodKind.PreviousMonth;
}
