namespace Stations.Firmware.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void ProjectBuilds() => Assert.IsNotNull(typeof(SmokeTests).Assembly);
}
