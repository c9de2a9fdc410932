using Stations.Gateway.Ingestion;

namespace Stations.Gateway.Tests.Protocol;

[TestClass]
public sealed class AckCalculatorTests
{
    [TestMethod]
    public void StopsAtTheFirstGap() =>
        Assert.AreEqual(3L, AckCalculator.HighestContiguous(0, [1, 2, 3, 5, 6], []));

    [TestMethod]
    public void ADroppedRangeCoversTheGap() =>
        Assert.AreEqual(9L, AckCalculator.HighestContiguous(0, [1, 2, 3, 8, 9], [(4, 7)]));

    [TestMethod]
    public void ARangeEndingBeyondStoredSeqsCountsToItsEnd() =>
        Assert.AreEqual(20L, AckCalculator.HighestContiguous(2, [3], [(4, 20)]));

    [TestMethod]
    public void NeverMovesBackwards() =>
        Assert.AreEqual(10L, AckCalculator.HighestContiguous(10, [1, 2, 12], []));
}
