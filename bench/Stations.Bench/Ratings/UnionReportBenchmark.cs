using BenchmarkDotNet.Attributes;
using Stations.Ratings.Engine;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Bench.Ratings;

/// <summary>
/// P5: a province office's monthly report of 5,000 rated stations, built and written as XLSX and as PDF (Chinese text).
/// Run: <c>dotnet run -c Release --project bench/Stations.Bench -- --filter '*UnionReport*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(NationalRatingBenchmark.Monitoring))]
public class UnionReportBenchmark
{
    /// <summary>Stations in the report (a province such as Guizhou, docs/domain.md).</summary>
    public const int Stations = 5_000;

    private IReadOnlyList<RatingResult> ratings = [];

    /// <summary>Rates the 5,000 stations once (the report cost is measured, not the rating).</summary>
    [GlobalSetup]
    public void Setup() => ratings = new RatingEngine(Rubric.Default).RateMany(Enumerable.Range(0, Stations).Select(BenchStations.Station)).ToList();

    /// <summary>Build the report and write the XLSX workbook.</summary>
    [Benchmark]
    public long Xlsx()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(Build(), stream);
        return stream.Length;
    }

    /// <summary>Build the report and write the PDF.</summary>
    [Benchmark]
    public long Pdf()
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(Build(), stream);
        return stream.Length;
    }

    private UnionReport Build() => UnionReportBuilder.Build("贵州省总工会", RegionScope.All, BenchStations.Month, ratings, Rubric.Default,
        new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.FromHours(8)), ReportText.Chinese);
}
