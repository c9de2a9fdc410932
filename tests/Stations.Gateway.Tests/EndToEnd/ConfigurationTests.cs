using Microsoft.Extensions.Options;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.EndToEnd;

[TestClass]
public sealed class ConfigurationTests
{
    [TestMethod]
    public async Task ABadSettingStopsStartUpNamingTheSettingAndTheFix()
    {
        var settings = new Dictionary<string, string?> { ["Gateway:Storage:Provider"] = "Postgres", ["Gateway:Broker:Mode"] = "External" };
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        StringAssert.Contains(error.Message, "Gateway:Storage:ConnectionString");
    }

    [TestMethod]
    public async Task ExternalModeWithoutAHostIsRefused()
    {
        var settings = await GatewayHost.StorageSettingsAsync(StorageKind.Sqlite, "config");
        settings["Gateway:Broker:Mode"] = "External";
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        StringAssert.Contains(error.Message, "Gateway:Broker:Host");
    }
}
