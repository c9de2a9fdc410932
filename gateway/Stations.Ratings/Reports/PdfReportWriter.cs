using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Stations.Ratings.Reports;

/// <summary>
/// Writes a union report as PDF with SkiaSharp's PDF backend: summary, a star-distribution chart drawn by ScottPlot
/// on the page canvas, top and bottom lists, and the station table. The CJK font is embedded so the text layer stays
/// searchable (工会驿站 is found by pdftotext).
/// </summary>
public static class PdfReportWriter
{
    /// <summary>The font used unless another is given (Debian package fonts-droid-fallback).</summary>
    public const string DefaultFontPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

    /// <summary>Fonts tried for Latin letters and digits, which the CJK fallback font does not have.</summary>
    public static readonly IReadOnlyList<string> LatinFontPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ];

    private const string ChartFontName = "Stations CJK";
    private const float PageWidth = 595; // A4 in points
    private const float PageHeight = 842;
    private const float Margin = 40;
    private static readonly Lock FontRegistration = new();

    /// <summary>Writes the PDF to <paramref name="output"/>; throws <see cref="FileNotFoundException"/> with an install hint when the font is missing.</summary>
    public static void Write(UnionReport report, Stream output, string fontPath = DefaultFontPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Text;
        if (!File.Exists(fontPath))
        {
            throw new FileNotFoundException(t.Format("PdfFontMissing", fontPath), fontPath);
        }

        using var typeface = SKTypeface.FromFile(fontPath)
            ?? throw new FileNotFoundException(t.Format("PdfFontMissing", fontPath), fontPath);
        var latinPath = LatinFontPaths.FirstOrDefault(File.Exists);
        using var latin = latinPath is null ? null : SKTypeface.FromFile(latinPath);
        lock (FontRegistration)
        {
            Fonts.AddFontFile(ChartFontName, fontPath);
        }

        var metadata = new SKDocumentPdfMetadata
        {
            Title = t["ReportTitle"] + " " + report.OfficeName + " " + report.Period,
            Creator = "Stations.Ratings",
            Producer = "SkiaSharp",
            Creation = report.GeneratedAt.UtcDateTime,
            Modified = report.GeneratedAt.UtcDateTime,
        };
        using var document = SKDocument.CreatePdf(output, metadata);
        using var page = new PageWriter(document, typeface, latin);

        page.Line(t["ReportTitle"], 20);
        page.Line(report.OfficeName, 14);
        page.Gap(4);
        page.Line($"{t["ScopeLabel"]}: {report.Scope.DisplayName(t["AllRegions"])}    {t["PeriodLabel"]}: {report.Period}", 10);
        page.Line($"{t["GeneratedLabel"]}: {report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture)}    {t["RubricLabel"]}: {report.Rubric}", 10);
        page.Gap(8);

        var summary = ReportColumns.Summary(report.Summary).ToList();
        var half = (summary.Count + 1) / 2;
        for (var i = 0; i < half; i++)
        {
            page.Cells(10, [(t[summary[i].Key], 0), (Show(summary[i].Value, t.Culture), 170)], advance: false);
            if (i + half < summary.Count)
            {
                page.Cells(10, [(t[summary[i + half].Key], 270), (Show(summary[i + half].Value, t.Culture), 440)], advance: false);
            }

            page.Advance(10);
        }

        page.Gap(8);
        page.Chart(StarChart(report), 220, report.Summary.StarDistribution);
        page.Gap(8);
        List(page, t["TopList"], report.Top, t);
        List(page, t["BottomList"], report.Bottom, t);

        page.NewPage();
        page.Line(t["SheetStations"], 14);
        float[] x = [0, 70, 225, 285, 345, 395, 440];
        string[] headers = [t["StationId"], t["StationName"], t["Visits"], t["AdherencePercent"], t["Score"], t["Stars"], t["Status"]];
        page.Cells(8, headers.Select((h, i) => (h, x[i])).ToArray());
        foreach (var r in report.Rows)
        {
            if (page.Remaining < 20)
            {
                page.NewPage();
                page.Cells(8, headers.Select((h, i) => (h, x[i])).ToArray());
            }

            page.Cells(9,
            [
                (r.StationId, x[0]), (r.Name, x[1]), (Show(r.Visits, t.Culture), x[2]), (Show(r.AdherencePercent, t.Culture), x[3]),
                (Show(r.Score, t.Culture), x[4]), (t.Stars(r.Stars), x[5]), (r.Status, x[6]),
            ]);
        }

        page.Finish();
        document.Close();
    }

    private static void List(PageWriter page, string title, IReadOnlyList<StationReportRow> rows, ReportText t)
    {
        if (page.Remaining < 60 + (rows.Count * 14))
        {
            page.NewPage();
        }

        page.Line(title, 12);
        float[] x = [0, 30, 100, 330, 380];
        page.Cells(8, [(t["Rank"], x[0]), (t["StationId"], x[1]), (t["StationName"], x[2]), (t["Score"], x[3]), (t["Stars"], x[4])]);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            page.Cells(9, [((i + 1).ToString(CultureInfo.InvariantCulture), x[0]), (r.StationId, x[1]), (r.Name, x[2]), (Show(r.Score, t.Culture), x[3]), (t.Stars(r.Stars), x[4])]);
        }

        page.Gap(8);
    }

    private static Plot StarChart(UnionReport report)
    {
        var t = report.Text;
        var plot = new Plot();
        plot.Font.Set(ChartFontName);
        double[] positions = [0, 1, 2, 3, 4, 5];
        var values = positions.Select(p => (double)report.Summary.StarDistribution[(int)p]).ToArray();
        plot.Add.Bars(positions, values);
        plot.Axes.Bottom.SetTicks(positions, positions.Select(p => t.Stars((int)p)).ToArray());
        // Counts are digits, which the CJK font lacks: the page writer prints them above the bars instead of ticks.
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, Math.Max(1, values.Max()) * 1.15);
        plot.Axes.Margins(bottom: 0);
        plot.Title(t["StarDistributionChart"]);
        plot.YLabel(t["StationsAxis"]);
        plot.XLabel(t["StarsAxis"]);
        return plot;
    }

    private static string Show(object? value, CultureInfo culture) => value switch
    {
        null => "—",
        double d => d.ToString("0.#", culture),
        IFormattable f => f.ToString(null, culture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Lays text out top-down on A4 pages, starting a new page when one is full.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly SKDocument document;
        private readonly SKTypeface typeface;
        private readonly SKTypeface? latin;
        private readonly SKPaint paint = new() { Color = SKColors.Black, IsAntialias = true };
        private SKCanvas? canvas;
        private float y;

        public PageWriter(SKDocument document, SKTypeface typeface, SKTypeface? latin)
        {
            this.document = document;
            this.typeface = typeface;
            this.latin = latin;
            NewPage();
        }

        public float Remaining => PageHeight - Margin - y;

        public void NewPage()
        {
            Finish();
            canvas = document.BeginPage(PageWidth, PageHeight);
            y = Margin;
        }

        public void Finish()
        {
            if (canvas is not null)
            {
                document.EndPage();
                canvas = null;
            }
        }

        public void Line(string text, float size) => Cells(size, [(text, 0)]);

        public void Gap(float points) => y += points;

        public void Advance(float size) => y += size * 1.6f;

        public void Cells(float size, (string Text, float X)[] cells, bool advance = true)
        {
            if (Remaining < size * 1.6f)
            {
                NewPage();
            }

            using var font = new SKFont(typeface, size);
            using var latinFont = latin is null ? null : new SKFont(latin, size);
            for (var i = 0; i < cells.Length; i++)
            {
                var width = (i + 1 < cells.Length ? cells[i + 1].X : PageWidth - (2 * Margin)) - cells[i].X - 4;
                DrawRuns(Fit(cells[i].Text, font, latinFont, width), Margin + cells[i].X, y + size, font, latinFont);
            }

            if (advance)
            {
                Advance(size);
            }
        }

        public void Chart(Plot plot, float height, IReadOnlyList<int> barValues)
        {
            if (Remaining < height)
            {
                NewPage();
            }

            var width = PageWidth - (2 * Margin);
            canvas!.Save();
            canvas.Translate(Margin, y);
            canvas.ClipRect(new SKRect(0, 0, width, height));
            plot.Render(canvas, (int)width, (int)height);
            using var font = new SKFont(typeface, 9);
            using var latinFont = latin is null ? null : new SKFont(latin, 9);
            for (var i = 0; i < barValues.Count; i++)
            {
                var top = plot.GetPixel(new Coordinates(i, barValues[i]));
                var label = barValues[i].ToString(CultureInfo.InvariantCulture);
                DrawRuns(label, top.X - (Measure(label, font, latinFont) / 2), top.Y - 4, font, latinFont);
            }

            canvas.Restore();
            y += height;
        }

        private void DrawRuns(string text, float x, float baseline, SKFont cjk, SKFont? latinFont)
        {
            foreach (var (run, font) in Runs(text, cjk, latinFont))
            {
                canvas!.DrawText(run, x, baseline, SKTextAlign.Left, font, paint);
                x += font.MeasureText(run);
            }
        }

        private static string Fit(string text, SKFont cjk, SKFont? latinFont, float width)
        {
            if (Measure(text, cjk, latinFont) <= width)
            {
                return text;
            }

            var cut = text.Length;
            while (cut > 1 && Measure(string.Concat(text.AsSpan(0, cut), "…"), cjk, latinFont) > width)
            {
                cut--;
            }

            return text[..cut] + "…";
        }

        private static float Measure(string text, SKFont cjk, SKFont? latinFont)
        {
            float width = 0;
            foreach (var (run, font) in Runs(text, cjk, latinFont))
            {
                width += font.MeasureText(run);
            }

            return width;
        }

        /// <summary>Splits text into runs: CJK glyphs from the CJK font, the rest from the Latin font.</summary>
        private static IEnumerable<(string Run, SKFont Font)> Runs(string text, SKFont cjk, SKFont? latinFont)
        {
            var start = 0;
            while (start < text.Length)
            {
                var useLatin = latinFont is not null && !cjk.Typeface.ContainsGlyph(text[start]);
                var end = start + 1;
                while (end < text.Length && (latinFont is not null && !cjk.Typeface.ContainsGlyph(text[end])) == useLatin)
                {
                    end++;
                }

                yield return (text[start..end], useLatin ? latinFont! : cjk);
                start = end;
            }
        }

        public void Dispose()
        {
            Finish();
            paint.Dispose();
        }
    }
}
