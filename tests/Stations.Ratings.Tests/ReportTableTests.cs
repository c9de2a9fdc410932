using System.Text;
using MiniExcelLibs;
using Stations.Ratings.Reports;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class ReportTableTests
{
    [TestMethod]
    public void Summary_CountsStarsMovementsAndRectification()
    {
        var report = ReportFixture.Report();
        var s = report.Summary;
        Assert.AreEqual(12, s.Stations);
        Assert.AreEqual(12, s.StarDistribution.Sum() + s.Unrated);
        Assert.AreEqual(1, s.EvidenceInsufficient);
        Assert.IsTrue(s.UnderRectification >= 1, "the worst station is 整改");
        Assert.AreEqual(report.Rows.Count(r => r.Movement == "升星"), s.Promoted);
        Assert.AreEqual(report.Rows.Count(r => r.Movement == "降星"), s.Demoted);
        Assert.AreEqual(10, report.Top.Count);
        Assert.IsTrue(report.Top[0].Score >= report.Top[^1].Score);
        Assert.IsTrue(report.Bottom[0].Score <= report.Bottom[^1].Score);
        Assert.AreEqual(report.Rows.Sum(r => r.Visits), s.Visits);
    }

    [TestMethod]
    public void DistrictOffice_SeesOnlyItsStations()
    {
        var report = ReportFixture.Report(scope: new RegionScope { Province = "福建省", City = "福州市", District = "台江区" });
        Assert.AreEqual(6, report.Rows.Count);
        Assert.IsTrue(report.Rows.All(r => r.District == "台江区"));
    }

    [TestMethod]
    public void Xlsx_HasChineseSheetsAndHeaders_AndRealNumbers()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(ReportFixture.Report(), stream);
        stream.Position = 0;
        CollectionAssert.AreEqual(new[] { "汇总", "星级分布", "驿站明细" }, stream.GetSheetNames().ToArray());

        var rows = stream.Query(useHeaderRow: true, sheetName: "驿站明细").Cast<IDictionary<string, object>>().ToList();
        Assert.AreEqual(12, rows.Count);
        var first = rows[0];
        foreach (var header in new[] { "驿站编号", "驿站名称", "到站人次", "开放时间达标率（%）", "得分", "星级", "升星建议" })
        {
            Assert.IsTrue(first.ContainsKey(header), $"missing header {header}: {string.Join(",", first.Keys)}");
        }

        foreach (var row in rows)
        {
            Assert.IsInstanceOfType<double>(row["到站人次"], "visits must be a number cell");
            Assert.IsInstanceOfType<double>(row["得分"], "score must be a number cell");
            Assert.IsInstanceOfType<double>(row["开放时间达标率（%）"]);
        }

        var summary = stream.Query(useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>().ToList();
        var visits = summary.Single(r => (string)r["指标"] == "到站人次");
        Assert.IsInstanceOfType<double>(visits["数值"]);
    }

    [TestMethod]
    public void Xlsx_InEnglish_OnRequest()
    {
        using var stream = new MemoryStream();
        XlsxReportWriter.Write(ReportFixture.Report(ReportText.English), stream);
        stream.Position = 0;
        CollectionAssert.AreEqual(new[] { "Summary", "Star distribution", "Stations" }, stream.GetSheetNames().ToArray());
        var rows = stream.Query(useHeaderRow: true, sheetName: "Stations").Cast<IDictionary<string, object>>().ToList();
        Assert.IsTrue(rows[0].ContainsKey("Opening-hours adherence (%)"));
    }

    [TestMethod]
    public void Csv_HasBom_AndParsesBack()
    {
        var report = ReportFixture.Report();
        using var stream = new MemoryStream();
        CsvReportWriter.Write(report, stream);
        var bytes = stream.ToArray();
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var records = ParseCsv(text);
        Assert.AreEqual(13, records.Count);
        var header = records[0];
        Assert.AreEqual("驿站编号", header[0]);
        var visits = header.IndexOf("到站人次");
        var advice = header.IndexOf("升星建议");
        for (var i = 0; i < report.Rows.Count; i++)
        {
            Assert.AreEqual(report.Rows[i].StationId, records[i + 1][0]);
            Assert.AreEqual(report.Rows[i].Visits, long.Parse(records[i + 1][visits], System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(report.Rows[i].Advice, records[i + 1][advice]);
            Assert.AreEqual(header.Count, records[i + 1].Count);
        }
    }

    [TestMethod]
    public void AdviceText_ReadsLikeThePromise()
    {
        var text = ReportText.Chinese.Advice(ReportFixture.Ratings()[6], Stations.Ratings.Rubrics.Rubric.Default);
        StringAssert.Contains(text, "→");
        StringAssert.Contains(text, "星");
        var en = ReportText.English.Advice(ReportFixture.Ratings()[6], Stations.Ratings.Rubrics.Rubric.Default);
        StringAssert.Contains(en, "star");
        var pending = ReportFixture.Ratings().First(r => r.Advice is null && r.AwardedStars < r.ComputedStars);
        StringAssert.Contains(ReportText.Chinese.Advice(pending, Stations.Ratings.Rubrics.Rubric.Default), "待下期确认晋级");
        var gated = ReportFixture.Ratings().First(r => r.Advice?.Options.Any(o => o.BlockedBy.Contains("profileGate5")) == true);
        var option = gated.Advice!.Options.First(o => o.BlockedBy.Contains("profileGate5"));
        StringAssert.Contains(ReportText.Chinese.Option(option, Stations.Ratings.Rubrics.Rubric.Default), "5星设施要求");
    }

    /// <summary>RFC 4180 reader: quoted fields, doubled quotes, CRLF records.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else { field.Append(c); }
        }

        return records;
    }
}
