using Stations.Gateway.Stations;
using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.Stations;

[TestClass]
public sealed class StationCredentialTests
{
    const string Station = "st-0201";

    [TestMethod]
    public async Task AVerifiedPasswordIsRememberedButAWrongOneOrAnOldOneAfterRotationIsStillRefused()
    {
        await using var host = await GatewayHost.StartAsync(await GatewayHost.StorageSettingsAsync(StorageKind.Sqlite, "credentials"));
        var registry = host.Get<StationRegistry>();
        await registry.RegisterAsync(Station, "first-password");

        Assert.IsTrue(await registry.VerifyAsync(Station, "first-password"), "the PBKDF2 check");
        Assert.IsTrue(await registry.VerifyAsync(Station, "first-password"), "a reconnect (remembered)");
        Assert.IsFalse(await registry.VerifyAsync(Station, "first-passwore"), "a wrong password after a remembered one");
        Assert.IsFalse(await registry.VerifyAsync(Station, null));

        await registry.RegisterAsync(Station, "second-password");
        Assert.IsFalse(await registry.VerifyAsync(Station, "first-password"), "the old password after rotation");
        Assert.IsTrue(await registry.VerifyAsync(Station, "second-password"));

        await registry.SetEnabledAsync(Station, enabled: false);
        Assert.IsFalse(await registry.VerifyAsync(Station, "second-password"), "a disabled station");
    }
}
