using System.Text.RegularExpressions;
using Stations.Firmware.Board;

namespace Stations.Firmware.Tests;

/// <summary>hardware/pinmap.md is what technicians wire from: it must say exactly what PinMap.cs says.</summary>
[TestClass]
public sealed partial class PinMapDocTests
{
    [GeneratedRegex(@"^\|\s*(\d+)\s*\|\s*(\w+)\s*\|\s*([\w-]+)\s*\|\s*(.+?)\s*\|\s*$")]
    private static partial Regex TableRow();

    [TestMethod]
    public void DocumentTableMatchesPinMap()
    {
        var documented = File.ReadAllLines(RepoPaths.Combine("hardware", "pinmap.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{m.Groups[3].Value}|{m.Groups[4].Value}")
            .ToArray();
        var code = PinMap.All().Select(r => $"{r.Gpio}|{r.Role}|{r.DeviceId}|{r.Purpose}").ToArray();

        CollectionAssert.AreEqual(code, documented, "hardware/pinmap.md and Board/PinMap.cs disagree (order matters too)");
    }

    [TestMethod]
    public void DocumentNamesTheModuleAndTarget()
    {
        string text = File.ReadAllText(RepoPaths.Combine("hardware", "pinmap.md"));
        StringAssert.Contains(text, "ESP32-WROVER-E");
        StringAssert.Contains(text, "ESP32_PSRAM_REV3");
    }
}
