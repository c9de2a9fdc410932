namespace Stations.Web.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void ProjectBuilds() => Assert.IsNotNull(typeof(SmokeTests).Assembly);
}
