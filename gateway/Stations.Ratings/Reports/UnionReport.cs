using Stations.Ratings.Inputs;

namespace Stations.Ratings.Reports;

/// <summary>A union office's usage summary for a period: totals, star distribution, one row per station, top and bottom lists.</summary>
public sealed record UnionReport
{
    /// <summary>Office name, e.g. 福州市总工会.</summary>
    public required string OfficeName { get; init; }
    /// <summary>The region covered.</summary>
    public required RegionScope Scope { get; init; }
    /// <summary>The period.</summary>
    public required RatingPeriod Period { get; init; }
    /// <summary>When it was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>Rubric id and version, e.g. default v1.</summary>
    public required string Rubric { get; init; }
    /// <summary>Totals.</summary>
    public required UsageSummary Summary { get; init; }
    /// <summary>One row per station, by station id.</summary>
    public required IReadOnlyList<StationReportRow> Rows { get; init; }
    /// <summary>Highest scores (rated stations).</summary>
    public required IReadOnlyList<StationReportRow> Top { get; init; }
    /// <summary>Lowest scores (rated stations).</summary>
    public required IReadOnlyList<StationReportRow> Bottom { get; init; }
    /// <summary>The strings the report was built with.</summary>
    public required ReportText Text { get; init; }
}
