using System.Diagnostics;
using Stations.Ratings.Reports;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class PdfReportTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string PdfToText(string pdf)
    {
        var psi = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", pdf, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        Assert.IsTrue(p.WaitForExit(60_000), "pdftotext did not finish");
        Assert.AreEqual(0, p.ExitCode, p.StandardError.ReadToEnd());
        return text;
    }

    [TestMethod]
    public void Pdf_HasSearchableChineseText_AndTheChart()
    {
        var dir = Directory.CreateTempSubdirectory("ratings-pdf-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.pdf");
            using (var file = File.Create(path))
            {
                PdfReportWriter.Write(ReportFixture.Report(), file);
            }

            var text = PdfToText(path);
            StringAssert.Contains(text, "工会驿站");
            StringAssert.Contains(text, "福州市总工会");
            StringAssert.Contains(text, "星级分布");
            StringAssert.Contains(text, "FZ-011");
            StringAssert.Contains(text, "整改");
            Assert.IsFalse(text.Contains('⼯'), "no Kangxi radicals in the text layer");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Pdf_InEnglish()
    {
        var dir = Directory.CreateTempSubdirectory("ratings-pdf-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.pdf");
            using (var file = File.Create(path))
            {
                PdfReportWriter.Write(ReportFixture.Report(ReportText.English), file);
            }

            var text = PdfToText(path);
            StringAssert.Contains(text, "Union rest station usage summary");
            StringAssert.Contains(text, "福州市总工会");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void MissingFont_FailsWithInstallHint_AndWritesNothing()
    {
        using var stream = new MemoryStream();
        var e = Assert.ThrowsExactly<FileNotFoundException>(() => PdfReportWriter.Write(ReportFixture.Report(), stream, "/nonexistent/font.ttf"));
        StringAssert.Contains(e.Message, "fonts-droid-fallback");
        StringAssert.Contains(e.Message, "/nonexistent/font.ttf");
        Assert.AreEqual(0, stream.Length);
    }
}
