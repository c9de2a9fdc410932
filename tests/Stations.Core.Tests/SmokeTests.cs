namespace Stations.Core.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void CoreAssemblyLoads() =>
        Assert.AreEqual("Stations.Core", typeof(Stations.Core.Hardware.IClock).Assembly.GetName().Name);
}
