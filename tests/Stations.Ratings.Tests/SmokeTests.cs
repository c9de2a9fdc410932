namespace Stations.Ratings.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void ProjectBuilds() => Assert.IsNotNull(typeof(SmokeTests).Assembly);
}
