using System.Text;
using Stations.Firmware.Board;
using Stations.Firmware.Storage;

namespace Stations.Firmware.Tests;

[TestClass]
public sealed class BoardProvisioningTests
{
    private string _root = "";

    [TestInitialize]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("provision-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_root, true);

    [TestMethod]
    public void ReadsEveryKeyAndTheCaCertificate()
    {
        Write(BoardProvisioning.FileName, "# station gz-gy-0001\r\nwifi.ssid=Station-WiFi\r\nwifi.password=p@ss=word\r\nstation.id=gz-gy-0001\r\nmqtt.password=secret\r\nmqtt.host=mqtt.example.org\r\nmqtt.port=8883\r\nmqtt.tls=true\r\nmqtt.v5=true\r\nmqtt.ca=ca.pem\r\n");
        Write("ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        var p = BoardProvisioning.Load(new LittleFsFlashStore(_root));
        Assert.IsNull(p.Problem);
        Assert.AreEqual("Station-WiFi", p.WifiSsid);
        Assert.AreEqual("p@ss=word", p.WifiPassword, "only the first '=' separates key and value");
        Assert.AreEqual("gz-gy-0001", p.StationId);
        Assert.AreEqual("mqtt.example.org", p.Mqtt.BrokerHost);
        Assert.AreEqual(8883, p.Mqtt.BrokerPort);
        Assert.IsTrue(p.Mqtt.UseTls);
        Assert.IsTrue(p.Mqtt.UseMqtt5);
        StringAssert.StartsWith(p.Mqtt.CaCertificatePem, "-----BEGIN CERTIFICATE-----");
    }

    [TestMethod]
    public void MissingPiecesAreNamedWithTheFix()
    {
        var store = new LittleFsFlashStore(_root);
        StringAssert.Contains(BoardProvisioning.Load(store).Problem, "docs/flashing.md");

        Write(BoardProvisioning.FileName, "wifi.ssid=x\nstation.id=gz-gy-0001\nmqtt.host=h\nmqtt.port=abc\n");
        StringAssert.Contains(BoardProvisioning.Load(store).Problem, "mqtt.port");

        Write(BoardProvisioning.FileName, "wifi.ssid=x\nstation.id=gz-gy-0001\nmqtt.host=h\nmqtt.port=8883\nmqtt.tls=true\nmqtt.ca=missing.pem\n");
        StringAssert.Contains(BoardProvisioning.Load(store).Problem, "mqtt.ca");
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_root, name), text, new UTF8Encoding(false));
}
