using Stations.Firmware.Storage;

namespace Stations.Firmware.Tests;

[TestClass]
public sealed class CrashLoopGuardTests
{
    private const long StableMs = 600_000;
    private string _root = "";

    [TestInitialize]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("crashloop-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_root, true);

    [TestMethod]
    public void FiveQuickBootsInARowStartSafeMode()
    {
        for (int boot = 1; boot <= 4; boot++)
        {
            var guard = NewGuard();
            Assert.IsFalse(guard.RegisterBoot(), $"boot {boot}");
            Assert.AreEqual(boot, guard.QuickBoots);
            guard.OnUptime(StableMs - 1); // crashed before it was stable
        }

        var fifth = NewGuard();
        Assert.IsTrue(fifth.RegisterBoot());
        Assert.IsTrue(fifth.SafeMode);
    }

    [TestMethod]
    public void AStableRunResetsTheStreak()
    {
        for (int boot = 1; boot <= 4; boot++)
        {
            NewGuard().RegisterBoot();
        }

        var stable = NewGuard();
        Assert.IsTrue(stable.RegisterBoot(), "fifth quick boot");
        stable.OnUptime(StableMs);

        var next = NewGuard();
        Assert.IsFalse(next.RegisterBoot());
        Assert.AreEqual(1, next.QuickBoots);
    }

    [TestMethod]
    public void ADamagedCounterCountsAsAFreshStreakAndIsReported()
    {
        NewGuard().RegisterBoot();
        foreach (var file in Directory.GetFiles(_root))
        {
            File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);
        }

        var guard = NewGuard();
        Assert.IsFalse(guard.RegisterBoot());
        Assert.IsTrue(guard.CounterDamaged);
        Assert.AreEqual(1, guard.QuickBoots);
        Assert.HasCount(1, Directory.GetFiles(_root), "old generations are cleaned up");
    }

    private CrashLoopGuard NewGuard() => new(new LittleFsFlashStore(_root), 5, StableMs);
}
