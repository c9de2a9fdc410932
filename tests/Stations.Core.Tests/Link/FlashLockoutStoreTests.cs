using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

[TestClass]
public sealed class FlashLockoutStoreTests
{
    [TestMethod]
    public void EmptyFlashHasNoLockouts()
    {
        var store = new FlashLockoutStore(new FakeFlashStore());
        Assert.IsFalse(store.WasUnreadable);
        Assert.IsFalse(store.IsLocked("ebike1"));
    }

    [TestMethod]
    public void LockoutsSurviveANewStoreAndResetsClearThem()
    {
        var flash = new FakeFlashStore();
        var store = new FlashLockoutStore(flash);
        Assert.IsTrue(store.TrySave("ebike1", true));
        Assert.IsTrue(store.TrySave("ebike-2", true));
        Assert.IsTrue(store.TrySave("ebike1", true), "saving an existing lockout again is harmless");

        var reloaded = new FlashLockoutStore(flash);
        Assert.IsTrue(reloaded.IsLocked("ebike1"));
        Assert.IsTrue(reloaded.IsLocked("ebike-2"));
        Assert.IsFalse(reloaded.IsLocked("ebike3"));
        Assert.AreEqual(1, flash.Names.Count, "the old generation is deleted: " + flash.Dump());

        Assert.IsTrue(reloaded.TrySave("ebike1", false));
        var third = new FlashLockoutStore(flash);
        Assert.IsFalse(third.IsLocked("ebike1"));
        Assert.IsTrue(third.IsLocked("ebike-2"));
        Assert.AreEqual(1, third.Count);
    }

    [TestMethod]
    public void AnIdTooLongIsNotSaved()
    {
        var store = new FlashLockoutStore(new FakeFlashStore());
        Assert.IsFalse(store.TrySave(new string('a', FlashLockoutStore.MaxIdLength + 1), true));
        Assert.IsFalse(store.TrySave("", true));
    }

    [TestMethod]
    public void APowerCutAtAnyPointOfASaveKeepsTheOldOrTheNewSet()
    {
        // Measure how many flash units one save of the change costs, then cut the power at every one of them.
        var probe = new FakeFlashStore();
        var warm = new FlashLockoutStore(probe);
        Assert.IsTrue(warm.TrySave("ebike1", true));
        long before = probe.UnitsUsed;
        Assert.IsTrue(warm.TrySave("ebike2", true));
        long cost = probe.UnitsUsed - before;
        Assert.IsTrue(cost > 10);

        foreach (bool rollBack in new[] { false, true })
        {
            for (long cut = 0; cut <= cost; cut++)
            {
                var flash = new FakeFlashStore { RollBackTornWrites = rollBack };
                var store = new FlashLockoutStore(flash);
                Assert.IsTrue(store.TrySave("ebike1", true));
                flash.CutPowerAfter(cut);
                bool saved = store.TrySave("ebike2", true);
                Assert.IsTrue(store.IsLocked("ebike2"), "stays locked in RAM whatever happened");
                flash.PowerOn();

                var after = new FlashLockoutStore(flash);
                Assert.IsFalse(after.WasUnreadable, "cut " + cut + ": " + flash.Dump());
                Assert.IsTrue(after.IsLocked("ebike1"), "cut " + cut + ": the old lockout is never lost");
                if (saved)
                {
                    Assert.IsTrue(after.IsLocked("ebike2"), "cut " + cut + ": a save that reported success is durable");
                }

                // The store works again after the power returns, and a reset then clears only its outlet.
                Assert.IsTrue(after.TrySave("ebike2", true));
                Assert.IsTrue(after.TrySave("ebike1", false));
                var last = new FlashLockoutStore(flash);
                Assert.IsFalse(last.IsLocked("ebike1"));
                Assert.IsTrue(last.IsLocked("ebike2"));
            }
        }
    }

    [TestMethod]
    public void ADamagedFileLocksEveryOutletAskedAbout()
    {
        var flash = new FakeFlashStore();
        Assert.IsTrue(new FlashLockoutStore(flash).TrySave("ebike1", true));
        string name = flash.Names.Single();
        byte[] bytes = flash.Bytes(name);
        bytes[2] ^= 0x20;
        flash.SetBytes(name, bytes);

        var store = new FlashLockoutStore(flash);
        Assert.IsTrue(store.WasUnreadable);
        Assert.IsTrue(store.IsLocked("ebike1"));
        Assert.IsTrue(store.IsLocked("ebike2"), "unknown set: the safe side is locked");

        // Resetting one keeps the others that were asked about locked in the rewritten file.
        Assert.IsTrue(store.TrySave("ebike1", false));
        var next = new FlashLockoutStore(flash);
        Assert.IsFalse(next.WasUnreadable);
        Assert.IsFalse(next.IsLocked("ebike1"));
        Assert.IsTrue(next.IsLocked("ebike2"));
    }

    [TestMethod]
    public void AFailingFlashReportsTheSaveAsFailed()
    {
        var flash = new FakeFlashStore();
        var store = new FlashLockoutStore(flash);
        flash.CutPowerAfter(0);
        Assert.IsFalse(store.TrySave("ebike1", true));
        Assert.IsTrue(store.IsLocked("ebike1"));
        Assert.IsFalse(store.TrySave("ebike1", false), "a failed clear keeps it locked");
        Assert.IsTrue(store.IsLocked("ebike1"));
    }
}
