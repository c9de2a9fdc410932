using Stations.Bench;
using Stations.Bench.Fuzz;

namespace Stations.Bench.Tests;

/// <summary>A fixed-seed slice of the fuzz run: no decoder throws, and every input is accepted or refused with a reason.</summary>
[TestClass]
public sealed class FuzzTests
{
    [TestMethod]
    public void TwentyThousandFuzzedInputsNeverCrashAndAlwaysGetAReason()
    {
        var report = new FuzzRunner().Run(RepositoryPaths.ValidVectors(), 20_000, seed: 12);

        Assert.AreEqual(0, report.Crashes.Count, string.Join(Environment.NewLine, report.Crashes.Take(5)));
        Assert.AreEqual(0, report.Unexplained.Count, string.Join(Environment.NewLine, report.Unexplained.Take(5)));
        Assert.AreEqual(20_000, report.Outcomes.Where(o => o.Key.StartsWith("gateway: ", StringComparison.Ordinal)).Sum(o => o.Value));
    }

    [TestMethod]
    public void TheFuzzerReachesBothAcceptanceAndRefusalInEveryDecoder()
    {
        var report = new FuzzRunner().Run(RepositoryPaths.ValidVectors(), 5_000, seed: 7);

        Assert.IsTrue(report.Outcomes.Keys.Any(k => k.StartsWith("gateway: valid", StringComparison.Ordinal)), "some inputs pass the gateway validator");
        Assert.IsTrue(report.Outcomes.Keys.Any(k => k.StartsWith("gateway: bad-field", StringComparison.Ordinal)), "mutations reach the field checks, not only the JSON parser");
        Assert.IsTrue(report.Outcomes.Keys.Any(k => k.StartsWith("json: valid", StringComparison.Ordinal)));
        Assert.IsTrue(report.Outcomes.Keys.Any(k => k.StartsWith("cmd: executed", StringComparison.Ordinal)), "golden commands reach the station");
        Assert.IsTrue(report.Outcomes.Keys.Any(k => k.StartsWith("cmd: refused", StringComparison.Ordinal)));
        Assert.IsTrue(report.Outcomes.Keys.Count(k => k.StartsWith("config: ", StringComparison.Ordinal)) > 3, "config refusals are told apart");
    }

    [TestMethod]
    public void TheSameSeedGivesTheSameOutcomes()
    {
        var first = new FuzzRunner().Run(RepositoryPaths.ValidVectors(), 2_000, seed: 3);
        var second = new FuzzRunner().Run(RepositoryPaths.ValidVectors(), 2_000, seed: 3);

        CollectionAssert.AreEqual(first.Outcomes.ToList(), second.Outcomes.ToList());
    }
}
