using Stations.Firmware.Storage;

namespace Stations.Firmware.Tests;

/// <summary>The flash store adapter on a real folder (FileStream/File/Directory are the same BCL types on .NET).</summary>
[TestClass]
public sealed class LittleFsFlashStoreTests
{
    private string _root = "";

    [TestInitialize]
    public void CreateFolder()
    {
        _root = Directory.CreateTempSubdirectory("flashstore-").FullName;
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_root, true);

    [TestMethod]
    public void AppendAddsToTheEndAndReadReturnsRanges()
    {
        var store = new LittleFsFlashStore(_root);
        store.Append("seg-00000001", [1, 2, 3, 99], 0, 3);
        store.Append("seg-00000001", [9, 4, 5], 1, 2);

        Assert.AreEqual(5, store.GetLength("seg-00000001"));
        var buffer = new byte[10];
        Assert.AreEqual(3, store.Read("seg-00000001", 2, buffer, 1, 8));
        CollectionAssert.AreEqual(new byte[] { 0, 3, 4, 5, 0 }, buffer[..5]);
        Assert.AreEqual(0, store.Read("seg-00000001", 5, buffer, 0, 4), "past the end");
        Assert.AreEqual(0, store.Read("missing", 0, buffer, 0, 4), "missing file");
        Assert.AreEqual(-1, store.GetLength("missing"));
    }

    [TestMethod]
    public void WriteNewRefusesAnExistingFile()
    {
        var store = new LittleFsFlashStore(_root);
        store.WriteNew("cursor-1", [1, 2], 0, 2);
        var ex = Assert.ThrowsExactly<IOException>(() => store.WriteNew("cursor-1", [3], 0, 1));
        StringAssert.Contains(ex.Message, "already exists");
        Assert.AreEqual(2, store.GetLength("cursor-1"), "the old contents stay");
    }

    [TestMethod]
    public void RenameNeverReplaces()
    {
        var store = new LittleFsFlashStore(_root);
        store.WriteNew("a", [1], 0, 1);
        store.WriteNew("b", [2, 2], 0, 2);
        Assert.ThrowsExactly<IOException>(() => store.Rename("a", "b"));
        store.Delete("b");
        store.Rename("a", "b");
        Assert.AreEqual(1, store.GetLength("b"));
        Assert.AreEqual(-1, store.GetLength("a"));
    }

    [TestMethod]
    public void ListFiltersByPrefixAndDeleteIsIdempotent()
    {
        var store = new LittleFsFlashStore(_root);
        store.WriteNew("seg-00000001", [1], 0, 1);
        store.WriteNew("seg-00000002", [1], 0, 1);
        store.WriteNew("cursor-00000001", [1], 0, 1);

        CollectionAssert.AreEquivalent(new[] { "seg-00000001", "seg-00000002" }, store.List("seg-"));
        store.Delete("seg-00000001");
        store.Delete("seg-00000001");
        CollectionAssert.AreEquivalent(new[] { "seg-00000002" }, store.List("seg-"));
    }
}
