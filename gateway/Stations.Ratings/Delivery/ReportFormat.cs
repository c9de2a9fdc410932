namespace Stations.Ratings.Delivery;

/// <summary>File formats of a union report.</summary>
public enum ReportFormat
{
    /// <summary>Excel workbook (summary sheet + one row per station).</summary>
    Xlsx,

    /// <summary>CSV, UTF-8 with BOM.</summary>
    Csv,

    /// <summary>PDF with charts.</summary>
    Pdf,
}
