using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Stations.Web.Tests;

/// <summary>
/// Every UI string exists in zh-CN and English: both resource files hold the same keys with text, and every key the
/// web pages and their code ask for by name is in them (a missing key would show the key itself, in English).
/// </summary>
[TestClass]
public sealed partial class LocalizationTests
{
    static readonly string Web = Path.Combine(RepositoryRoot(), "gateway", "Stations.Gateway", "Web");

    static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder != null && !File.Exists(Path.Combine(folder.FullName, "Stations.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Stations.sln not found above " + AppContext.BaseDirectory);
    }

    static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Web, "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    [TestMethod]
    public void Both_languages_have_the_same_keys_with_text()
    {
        var zh = Strings("SharedResource.resx");
        var en = Strings("SharedResource.en.resx");
        CollectionAssert.AreEquivalent(zh.Keys.ToList(), en.Keys.ToList());
        Assert.AreEqual("", string.Join(", ", zh.Concat(en).Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key)), "keys without text");
        // Placeholders match, so a message formats in both languages.
        var mismatched = zh.Where(kv => Placeholders(kv.Value) != Placeholders(en[kv.Key])).Select(kv => kv.Key).ToList();
        Assert.AreEqual(0, mismatched.Count, "placeholders differ: " + string.Join(", ", mismatched));
    }

    [TestMethod]
    public void Every_key_the_pages_ask_for_exists()
    {
        var zh = Strings("SharedResource.resx");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            foreach (Match match in Key().Matches(File.ReadAllText(file)))
            {
                if (!zh.ContainsKey(match.Groups[1].Value))
                {
                    missing.Add(Path.GetFileName(file) + ": " + match.Groups[1].Value);
                }
            }
        }

        Assert.AreEqual(0, missing.Count, string.Join(Environment.NewLine, missing));
    }

    static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    // L["Key"] or l["Key", …] with a literal key (keys built from a prefix + a code are checked by the pages' own tests).
    [GeneratedRegex("""\b[lL]\["([A-Za-z0-9_.\-]+)"[\],]""")]
    private static partial Regex Key();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
