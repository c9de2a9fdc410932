using System.Globalization;
using System.Text;

namespace Stations.Ratings.Reports;

/// <summary>Writes the station table as CSV: UTF-8 with a BOM (so Excel reads Chinese), RFC 4180 quoting, invariant numbers.</summary>
public static class CsvReportWriter
{
    /// <summary>Writes the CSV to <paramref name="output"/>.</summary>
    public static void Write(UnionReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(",", ReportColumns.Stations.Select(c => Field(report.Text[c.Key]))));
        foreach (var row in report.Rows)
        {
            writer.WriteLine(string.Join(",", ReportColumns.Stations.Select(c => Field(c.Value(row)))));
        }
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
