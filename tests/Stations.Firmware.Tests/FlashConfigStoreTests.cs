using System.Text;
using Stations.Firmware.Storage;

namespace Stations.Firmware.Tests;

[TestClass]
public sealed class FlashConfigStoreTests
{
    private string _root = "";

    [TestInitialize]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("configstore-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_root, true);

    [TestMethod]
    public void UploadedConfigIsUsedUntilAPushedOneIsSaved()
    {
        var store = new FlashConfigStore(new LittleFsFlashStore(_root));
        var buffer = new byte[FlashConfigStore.MaxConfigBytes + 4];
        Assert.AreEqual(-1, store.Load(buffer), "nothing yet");

        File.WriteAllText(Path.Combine(_root, FlashConfigStore.UploadedFileName), "{\"v\":1}");
        Assert.AreEqual("{\"v\":1}", Encoding.UTF8.GetString(buffer, 0, store.Load(buffer)));

        byte[] pushed = Encoding.UTF8.GetBytes("xx{\"v\":2}");
        Assert.IsTrue(store.TrySaveConfig(pushed, 2, pushed.Length - 2));
        var reopened = new FlashConfigStore(new LittleFsFlashStore(_root));
        Assert.AreEqual("{\"v\":2}", Encoding.UTF8.GetString(buffer, 0, reopened.Load(buffer)));
    }

    [TestMethod]
    public void ADamagedSavedConfigFallsBackAndIsReported()
    {
        var store = new FlashConfigStore(new LittleFsFlashStore(_root));
        File.WriteAllText(Path.Combine(_root, FlashConfigStore.UploadedFileName), "{\"v\":1}");
        Assert.IsTrue(store.TrySaveConfig(Encoding.UTF8.GetBytes("{\"v\":2}"), 0, 7));
        string saved = Directory.GetFiles(_root, FlashConfigStore.SavedPrefix + "*").Single();
        byte[] bytes = File.ReadAllBytes(saved);
        bytes[3] ^= 0xFF;
        File.WriteAllBytes(saved, bytes);

        var buffer = new byte[FlashConfigStore.MaxConfigBytes + 4];
        var reopened = new FlashConfigStore(new LittleFsFlashStore(_root));
        Assert.AreEqual("{\"v\":1}", Encoding.UTF8.GetString(buffer, 0, reopened.Load(buffer)));
        Assert.IsTrue(reopened.LastLoadFoundDamage);
    }

    [TestMethod]
    public void RefusesOversizedConfigs()
    {
        var store = new FlashConfigStore(new LittleFsFlashStore(_root));
        Assert.IsFalse(store.TrySaveConfig(new byte[FlashConfigStore.MaxConfigBytes + 1], 0, FlashConfigStore.MaxConfigBytes + 1));
    }
}
