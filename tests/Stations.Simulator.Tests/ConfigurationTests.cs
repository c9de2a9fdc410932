using Stations.Simulator.Faults;
using Stations.Simulator.Fleet;
using Stations.Simulator.Profiles;

namespace Stations.Simulator.Tests;

[TestClass]
public sealed class ConfigurationTests
{
    [TestMethod]
    public void ProfileMixAssignsInProportionAndInterleaves()
    {
        var mix = StationProfiles.ParseMix("busy:3,neglected:1");
        var assigned = StationProfiles.Assign(mix, 8);
        Assert.AreEqual(6, assigned.Count(p => p.Name == "busy"));
        Assert.AreEqual(2, assigned.Count(p => p.Name == "neglected"));
        Assert.IsTrue(assigned.Take(4).Any(p => p.Name == "neglected"), "the mix is interleaved, not blocked");
    }

    [TestMethod]
    public void BadProfileMixNamesTheProblem()
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => StationProfiles.ParseMix("busy:3,fancy:1"));
        StringAssert.Contains(ex.Message, "fancy");
        StringAssert.Contains(ex.Message, "neglected");
        Assert.ThrowsExactly<FormatException>(() => StationProfiles.ParseMix("busy:x"));
    }

    [TestMethod]
    public void FaultRatesParse()
    {
        var r = FaultRates.Parse("wifi=0.5, power=0.1");
        Assert.AreEqual(0.5, r.WifiDrop);
        Assert.AreEqual(0.1, r.PowerLoss);
        Assert.AreEqual(0, r.SensorFailure);
        Assert.AreSame(FaultRates.None, FaultRates.Parse("none"));
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => FaultRates.Parse("meteor=1")).Message, "meteor");
    }

    [TestMethod]
    public void DemoPasswordsAreDeterministicAndPasswordFilesAreRead()
    {
        string p = StationPasswords.FromDemoSecret("s3cret").For("sim-0001");
        Assert.AreEqual(32, p.Length);
        Assert.AreEqual(p, StationPasswords.Derive("s3cret", "sim-0001"));
        Assert.AreNotEqual(p, StationPasswords.Derive("s3cret", "sim-0002"));
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# comment", "sim-0001 pw-one", "sim-0002:pw-two"]);
            var fromFile = StationPasswords.FromFile(file);
            Assert.AreEqual("pw-one", fromFile.For("sim-0001"));
            Assert.AreEqual("pw-two", fromFile.For("sim-0002"));
            StringAssert.Contains(Assert.ThrowsExactly<KeyNotFoundException>(() => fromFile.For("sim-0003")).Message, "sim-0003");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void OptionsValidationNamesTheField()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new FleetOptions { StationCount = 0 }.Validate()).Message, "Station count");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new FleetOptions { IdPrefix = "Bad_Prefix" }.Validate()).Message, "Id prefix");
    }
}
