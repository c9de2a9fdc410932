using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

/// <summary>Rubric and profile validation messages exist in Chinese (zh-CN) and English with the same keys and placeholders.</summary>
[TestClass]
public sealed class RatingMessagesTests
{
    private static string DefaultJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rubrics", "default-v1.json"));

    private static RubricValidationException Fails(string json, RatingMessages messages) =>
        Assert.ThrowsExactly<RubricValidationException>(() => RubricLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json", messages));

    [TestMethod]
    public void BadStarsAndCap_InChinese_NameFieldAndFix()
    {
        var json = DefaultJson()
            .Replace("{ \"stars\": 4, \"minScore\": 72 }", "{ \"stars\": 4, \"minScore\": 90 }")
            .Replace("\"maxStars\": 2,", "\"maxStars\": 7,");
        var e = Fails(json, RatingMessages.Chinese);
        StringAssert.StartsWith(e.Message, "评分细则“test.json”无效（2 处问题）：");
        Assert.IsTrue(e.Errors.Any(x => x.StartsWith("stars：4 星需要 90 分，而 5 星只需 85 分", StringComparison.Ordinal) && x.Contains("修改：星级越高")), e.Message);
        Assert.IsTrue(e.Errors.Any(x => x.StartsWith("caps[0].maxStars：7；修改：使用 0..4", StringComparison.Ordinal)), e.Message);
    }

    [TestMethod]
    public void SameProblems_InEnglish()
    {
        var json = DefaultJson().Replace("\"metric\": \"openingAdherence\", \"maxPoints\": 16", "\"metric\": \"openingHours\", \"maxPoints\": 16");
        var en = Fails(json, RatingMessages.English);
        var zh = Fails(json, RatingMessages.Chinese);
        StringAssert.Contains(en.Message, "groups[1].items[0].metric: unknown metric \"openingHours\"; fix: use one of");
        StringAssert.Contains(zh.Message, "groups[1].items[0].metric：未知指标 \"openingHours\"；修改：使用以下指标之一：");
        Assert.HasCount(en.Errors.Count, zh.Errors);
    }

    [TestMethod]
    public void BreakpointsAndMissingText_BothLanguages()
    {
        var json = DefaultJson()
            .Replace("{ \"value\": 0.9, \"points\": 11 }", "{ \"value\": 0.7, \"points\": 11 }")
            .Replace("\"name\": { \"zh\": \"服务数量\", \"en\": \"Quantity\" }", "\"name\": { \"en\": \"Quantity\" }");
        var zh = Fails(json, RatingMessages.Chinese);
        Assert.IsTrue(zh.Errors.Contains("groups[1].items[0].breakpoints[2].value：0.7 不大于前一个值 0.8；修改：拐点按数值严格递增排列"), zh.Message);
        Assert.IsTrue(zh.Errors.Any(x => x.StartsWith("groups[0].name.zh：缺失", StringComparison.Ordinal)), zh.Message);
        var en = Fails(json, RatingMessages.English);
        Assert.IsTrue(en.Errors.Contains("groups[1].items[0].breakpoints[2].value: 0.7 is not greater than the previous value 0.8; fix: list breakpoints in strictly increasing value order"), en.Message);
    }

    [TestMethod]
    public void MissingFile_InChinese()
    {
        var e = Assert.ThrowsExactly<RubricValidationException>(() => RubricLoader.LoadFile("/nonexistent/x.json", RatingMessages.Chinese));
        StringAssert.Contains(e.Message, "找不到文件；修改：检查路径（评分细则文件放在 rubrics/ 下");
    }

    [TestMethod]
    public void EveryMessage_HasBothLanguages_WithTheSamePlaceholders()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "gateway", "Stations.Ratings", "Resources");
        static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var zh = Read(Path.Combine(folder, "RatingMessages.resx"));
        var en = Read(Path.Combine(folder, "RatingMessages.en.resx"));
        CollectionAssert.AreEquivalent(zh.Keys.ToList(), en.Keys.ToList());
        foreach (var (key, text) in zh)
        {
            static string Holes(string s) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(s.Replace("{{", "").Replace("}}", ""), @"\{\d+\}").Select(m => m.Value).Distinct().Order());
            Assert.AreEqual(Holes(en[key]), Holes(text), key);
            Assert.IsFalse(string.IsNullOrWhiteSpace(RatingMessages.Chinese.Format(key, "a", "b", "c", "d")), key);
            Assert.IsFalse(string.IsNullOrWhiteSpace(RatingMessages.English.Format(key, "a", "b", "c", "d")), key);
        }
    }

    [TestMethod]
    public void Profile_BadValues_InBothLanguages()
    {
        var zh = StationProfileValidator.Validate(-3, 5000, ["microwave", "spa"], RatingMessages.Chinese);
        CollectionAssert.AreEqual(new[]
        {
            "面积 -3 平方米无效；修改：填写 0 到 10000 之间的平方米数（例如 35）",
            "座位数 5000 无效；修改：填写 0 到 1000 之间的整数",
        }, zh.Take(2).ToList());
        StringAssert.StartsWith(zh[2], "服务代码“spa”未知；修改：使用以下之一：microwave, firstAidKit");
        var en = StationProfileValidator.Validate(double.NaN, 20, ["legalAid"], new RatingMessages(CultureInfo.GetCultureInfo("en-GB")));
        CollectionAssert.AreEqual(new[] { "Area NaN m² is not valid; fix: enter square metres from 0 to 10000 (e.g. 35)" }, en.ToList());
        Assert.IsEmpty(StationProfileValidator.Validate(35, 20, ["legalAid", "microwave"], RatingMessages.English));
    }

    [TestMethod]
    public void Services_SplitIntoSpecialAndBasic()
    {
        CollectionAssert.AreEqual(new[] { "legalAid", "nursingRoom" }, StationServices.Special(["nursingRoom", "microwave", "legalAid"]).ToList());
        CollectionAssert.AreEqual(new[] { "microwave" }, StationServices.Basic(["nursingRoom", "microwave", "legalAid"]).ToList());
        Assert.AreEqual("维权接待", StationServices.NameOf("legalAid", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.AreEqual("Legal-rights help", StationServices.NameOf("legalAid", CultureInfo.GetCultureInfo("en")));
    }

    [TestMethod]
    public void ShippedRubrics_FindTheDefaultByIdAndVersion()
    {
        Assert.AreSame(Rubric.Default, Rubric.Find("default", "1"));
        Assert.IsNull(Rubric.Find("default", "99"));
    }
}
