namespace Stations.Firmware.Tests;

/// <summary>Technicians' documents: present, bilingual where required, and free of the known-bad deploy command.</summary>
[TestClass]
public sealed class DocsTests
{
    [TestMethod]
    public void FlashingGuideIsBilingualAndAlwaysReadsBack()
    {
        string text = File.ReadAllText(RepoPaths.Combine("docs", "flashing.md"));
        foreach (var required in new[] { "刷机", "Flashing", "dotnet tool install -g nanoff", "--nanodevice --deploy", "--devicedetails", "--filedeployment", "selftest", "\"fw\"", "cfg", "safe", "ESP32_PSRAM_REV3" })
        {
            StringAssert.Contains(text, required);
        }

        // Deploying by target (without --nanodevice or --address) is the known silent failure: no such command may appear.
        foreach (var line in text.Split('\n').Where(l => l.Contains("nanoff", StringComparison.Ordinal) && l.Contains("--deploy", StringComparison.Ordinal) && l.TrimStart().StartsWith("nanoff", StringComparison.Ordinal)))
        {
            Assert.IsTrue(line.Contains("--nanodevice", StringComparison.Ordinal) || line.Contains("--address", StringComparison.Ordinal), "unsafe deploy command: " + line);
        }
    }

    [TestMethod]
    public void BillOfMaterialsHasEveryRequiredPart()
    {
        var rows = File.ReadAllLines(RepoPaths.Combine("hardware", "bom.csv"));
        Assert.AreEqual("item,part,manufacturer,quantity,purpose,notes", rows[0]);
        string all = string.Join("\n", rows);
        foreach (var part in new[] { "WROVER-E 8 MB", "PZEM-004T", "DHT22", "reed", "flow sensor", "RCD", "fuse", "enclosure", "relay", "5 V" })
        {
            StringAssert.Contains(all, part, "bom.csv lacks " + part);
        }

        foreach (var row in rows.Skip(1))
        {
            var quantity = row.Split(',')[3];
            Assert.IsTrue(int.TryParse(quantity, out int q) && q > 0, "bad quantity in: " + row);
        }
    }

    [TestMethod]
    public void SafetyRulesAreStated()
    {
        string text = File.ReadAllText(RepoPaths.Combine("hardware", "safety.md"));
        foreach (var rule in new[] { "licensed electrician", "RCD", "breaker per outlet", "Normally-open relays", "Over-temperature" })
        {
            StringAssert.Contains(text, rule);
        }
    }
}
