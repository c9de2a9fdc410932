using System.Text.Json;
using Stations.Core.Station;
using Stations.Firmware.Board;

namespace Stations.Firmware.Tests;

/// <summary>
/// hardware/station-config-example.json is the config technicians start from for the reference board: Core must
/// accept it, and every pin in it must be the pin map's pin for that device and role.
/// </summary>
[TestClass]
public sealed class StationConfigExampleTests
{
    private static readonly string ExamplePath = RepoPaths.Combine("hardware", "station-config-example.json");

    [TestMethod]
    public void CoreAcceptsTheExample()
    {
        byte[] json = File.ReadAllBytes(ExamplePath);
        Assert.IsTrue(StationConfig.TryParse(json, 0, json.Length, out _, out string error), error);
    }

    [TestMethod]
    public void EveryConfiguredPinMatchesThePinMap()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(ExamplePath));
        var root = doc.RootElement;
        var uses = new List<(int Pin, string Device, PinRole Role)>
        {
            (root.GetProperty("sign").GetProperty("pin").GetInt32(), "sign", PinRole.ContactInputExternalPullUp),
            (root.GetProperty("beam").GetProperty("pin").GetInt32(), "beam1", PinRole.ContactInputExternalPullUp),
        };
        foreach (var door in root.GetProperty("doors").EnumerateArray())
        {
            uses.Add((door.GetProperty("pin").GetInt32(), door.GetProperty("id").GetString()!, PinRole.ContactInputInternalPullUp));
        }

        foreach (var d in root.GetProperty("dispensers").EnumerateArray())
        {
            string id = d.GetProperty("id").GetString()!;
            uses.Add((d.GetProperty("valvePin").GetInt32(), id, PinRole.RelayOutput));
            uses.Add((d.GetProperty("buttonPin").GetInt32(), id, PinRole.ContactInputInternalPullUp));
            uses.Add((d.GetProperty("flowPin").GetInt32(), id, PinRole.PulseCounterInput));
        }

        foreach (var p in root.GetProperty("probes").EnumerateArray())
        {
            string id = p.GetProperty("id").GetString()!;
            uses.Add((p.GetProperty("pin").GetInt32(), id, PinRole.DhtTrigger));
            uses.Add((p.GetProperty("pin2").GetInt32(), id, PinRole.DhtEcho));
        }

        foreach (var h in root.GetProperty("hvac").EnumerateArray())
        {
            uses.Add((h.GetProperty("pin").GetInt32(), h.GetProperty("id").GetString()!, PinRole.RelayOutput));
        }

        foreach (var o in root.GetProperty("outlets").EnumerateArray())
        {
            uses.Add((o.GetProperty("relayPin").GetInt32(), o.GetProperty("id").GetString()!, PinRole.RelayOutput));
            if (o.TryGetProperty("tempPin", out var tempPin))
            {
                uses.Add((tempPin.GetInt32(), o.GetProperty("id").GetString()!, PinRole.DhtTrigger)); // the socket's own DHT22
            }
        }

        var map = PinMap.All();
        foreach (var (pin, device, role) in uses)
        {
            var row = map.SingleOrDefault(r => r.Gpio == pin);
            Assert.IsNotNull(row, $"{device}: GPIO {pin} is not on the pin map");
            Assert.AreEqual(role, row.Role, $"{device}: GPIO {pin}");
            Assert.AreEqual(device, row.DeviceId, $"GPIO {pin}");
        }
    }

    [TestMethod]
    public void MeterAddressesAreThePinMapOnes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(ExamplePath));
        var addresses = doc.RootElement.GetProperty("outlets").EnumerateArray()
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("meterAddress").GetInt32());
        Assert.AreEqual(PinMap.Ebike1MeterAddress, addresses["ebike1"]);
        Assert.AreEqual(PinMap.Ebike2MeterAddress, addresses["ebike2"]);
        Assert.AreEqual(PinMap.Phone1MeterAddress, addresses["phone1"]);
    }
}
