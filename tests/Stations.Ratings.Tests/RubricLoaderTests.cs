using System.Text;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class RubricLoaderTests
{
    private static string DefaultJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rubrics", "default-v1.json"));

    private static RubricValidationException Fails(string json) =>
        Assert.ThrowsExactly<RubricValidationException>(() => RubricLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json"));

    [TestMethod]
    public void DefaultRubric_Is100Points_30Quantity70Quality()
    {
        var r = Rubric.Default;
        Assert.AreEqual("default", r.Id);
        Assert.AreEqual("1", r.Version);
        Assert.AreEqual(100, r.MaxScore, 1e-9);
        Assert.AreEqual(30, r.Groups.Single(g => g.Id == "quantity").MaxPoints);
        CollectionAssert.AreEqual(new double[] { 30, 20, 20, 15, 15 }, r.Groups.Select(g => g.MaxPoints).ToArray());
        CollectionAssert.AreEqual(new double[] { 85, 72, 58, 42, 25 }, r.Stars.Select(s => s.MinScore).ToArray());
        Assert.AreEqual(2, r.PromotionConsecutivePeriods);
        Assert.AreEqual(0.9, r.EvidenceMinimum);
        Assert.AreEqual(64, r.ContentSha256.Length);
    }

    [TestMethod]
    public void FileOnDisk_MatchesEmbeddedRubric()
    {
        var fromDisk = RubricLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "rubrics", "default-v1.json"));
        Assert.AreEqual(Rubric.Default.ContentSha256, fromDisk.ContentSha256);
        Assert.AreEqual(1, RubricLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "rubrics")).Count);
    }

    [TestMethod]
    public void BreakpointsOutOfOrder_NamesFieldAndFix()
    {
        var json = DefaultJson().Replace("{ \"value\": 0.9, \"points\": 11 }", "{ \"value\": 0.7, \"points\": 11 }");
        var e = Fails(json);
        StringAssert.Contains(e.Message, "groups[1].items[0].breakpoints[2].value");
        StringAssert.Contains(e.Message, "fix:");
    }

    [TestMethod]
    public void UnknownMetric_ListsKnownOnes()
    {
        var e = Fails(DefaultJson().Replace("\"metric\": \"openingAdherence\", \"maxPoints\": 16", "\"metric\": \"openingHours\", \"maxPoints\": 16"));
        StringAssert.Contains(e.Message, "groups[1].items[0].metric: unknown metric \"openingHours\"");
        StringAssert.Contains(e.Message, MetricIds.OpeningAdherence);
    }

    [TestMethod]
    public void MisspelledField_IsRejectedByName()
    {
        var e = Fails(DefaultJson().Replace("\"heatWaveDayWeight\"", "\"heatwaveWeight\""));
        StringAssert.Contains(e.Message, "heatwaveWeight");
    }

    [TestMethod]
    public void ItemPointsNotAddingUpToGroup_IsReported()
    {
        var json = DefaultJson().Replace("\"id\": \"opening\", \"name\": { \"zh\": \"开放时间\", \"en\": \"Opening hours\" }, \"maxPoints\": 20",
            "\"id\": \"opening\", \"name\": { \"zh\": \"开放时间\", \"en\": \"Opening hours\" }, \"maxPoints\": 25");
        var e = Fails(json);
        StringAssert.Contains(e.Message, "groups[1].maxPoints: 25 but its items add up to 20");
    }

    [TestMethod]
    public void StarThresholdsNotDecreasing_AndBadCap_AreAllReported()
    {
        var json = DefaultJson()
            .Replace("{ \"stars\": 4, \"minScore\": 72 }", "{ \"stars\": 4, \"minScore\": 90 }")
            .Replace("\"maxStars\": 2,", "\"maxStars\": 7,");
        var e = Fails(json);
        Assert.IsTrue(e.Errors.Any(x => x.StartsWith("stars:", StringComparison.Ordinal) && x.Contains("strictly higher")), e.Message);
        Assert.IsTrue(e.Errors.Any(x => x.StartsWith("caps[0].maxStars", StringComparison.Ordinal)), e.Message);
    }

    [TestMethod]
    public void BestBreakpointBelowMaxPoints_IsReported()
    {
        var e = Fails(DefaultJson().Replace("{ \"value\": 1.0, \"points\": 16 }", "{ \"value\": 1.0, \"points\": 15 }"));
        StringAssert.Contains(e.Message, "groups[1].items[0].breakpoints: the best end gives 15 points but maxPoints is 16");
    }

    [TestMethod]
    public void BrokenJson_SaysWhere()
    {
        var e = Fails("{ \"id\": \"x\", \"version\": 1 }");
        StringAssert.Contains(e.Message, "$.version");
    }

    [TestMethod]
    public void MissingFile_SaysWhereRubricsLive()
    {
        var e = Assert.ThrowsExactly<RubricValidationException>(() => RubricLoader.LoadFile("/nonexistent/x.json"));
        StringAssert.Contains(e.Message, "rubrics/");
    }

    [TestMethod]
    public void PiecewiseLinear_InterpolatesAndInverts()
    {
        var adherence = Rubric.Default.Items.Single(i => i.Id == "adherence");
        Assert.AreEqual(0, adherence.PointsFor(0.3));
        Assert.AreEqual(11 + (3 * 0.012 / 0.05), adherence.PointsFor(0.912), 1e-9);
        Assert.AreEqual(16, adherence.PointsFor(1.2));
        Assert.AreEqual(0.95, adherence.ValueForPoints(14)!.Value, 1e-9);
        var repair = Rubric.Default.Items.Single(i => i.Id == "repairTime");
        Assert.IsFalse(repair.HigherIsBetter);
        Assert.AreEqual(7, repair.PointsFor(150), 1e-9);
        Assert.AreEqual(150, repair.ValueForPoints(7)!.Value, 1e-9);
        Assert.IsNull(repair.ValueForPoints(9));
    }
}
