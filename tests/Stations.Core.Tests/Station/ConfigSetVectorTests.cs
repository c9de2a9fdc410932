using System.Text;
using System.Text.Json;
using Stations.Core.Station;

namespace Stations.Core.Tests.Station;

/// <summary>The config carried by the golden `config.set` command is one a station accepts, so the vector shows a working push.</summary>
[TestClass]
public sealed class ConfigSetVectorTests
{
    [TestMethod]
    public void TheGoldenConfigSetCarriesAValidStationConfig()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "protocol", "valid", "cmd.config.set.json");
        using var command = JsonDocument.Parse(File.ReadAllBytes(path));
        var config = Encoding.UTF8.GetBytes(command.RootElement.GetProperty("args").GetProperty("config").GetRawText());
        var ok = StationConfig.TryParse(config, 0, config.Length, out _, out var error);
        Assert.IsTrue(ok, error);
    }
}
