using MiniExcelLibs;

namespace Stations.Ratings.Reports;

/// <summary>Writes a union report as XLSX: a summary sheet, a star-distribution sheet and one row per station (numbers as numbers).</summary>
public static class XlsxReportWriter
{
    /// <summary>Writes the workbook to <paramref name="output"/>.</summary>
    public static void Write(UnionReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        var indicator = t["ColIndicator"];
        var value = t["ColValue"];
        var summary = new List<Dictionary<string, object?>>
        {
            new() { [indicator] = t["OfficeLabel"], [value] = report.OfficeName },
            new() { [indicator] = t["ScopeLabel"], [value] = report.Scope.DisplayName(t["AllRegions"]) },
            new() { [indicator] = t["PeriodLabel"], [value] = report.Period.ToString() },
            new() { [indicator] = t["RubricLabel"], [value] = report.Rubric },
        };
        summary.AddRange(ReportColumns.Summary(report.Summary).Select(x => new Dictionary<string, object?> { [indicator] = t[x.Key], [value] = x.Value }));

        var stars = Enumerable.Range(0, 6).Reverse()
            .Select(s => new Dictionary<string, object?> { [t["ColStars"]] = t.Stars(s), [t["ColStationCount"]] = report.Summary.StarDistribution[s] })
            .Append(new Dictionary<string, object?> { [t["ColStars"]] = t["Unrated"], [t["ColStationCount"]] = report.Summary.Unrated })
            .ToList();

        var stations = report.Rows.Select(r => ReportColumns.Stations.ToDictionary(c => t[c.Key], c => c.Value(r))).ToList();
        if (stations.Count == 0)
        {
            // Keep the headers even for an empty region.
            stations.Add(ReportColumns.Stations.ToDictionary(c => t[c.Key], _ => (object?)null));
        }

        var sheets = new Dictionary<string, object>
        {
            [t["SheetSummary"]] = summary,
            [t["SheetStars"]] = stars,
            [t["SheetStations"]] = stations,
        };
        output.SaveAs(sheets);
    }
}
