using Stations.Firmware.Board;

namespace Stations.Firmware.Tests;

/// <summary>The board's pin map against the ESP32 datasheet limits, written out here independently of Esp32PinRules.</summary>
[TestClass]
public sealed class PinMapTests
{
    private static readonly int[] FlashPins = [6, 7, 8, 9, 10, 11];
    private static readonly int[] PsramPins = [16, 17];
    private static readonly int[] ConsolePins = [1, 3];
    private static readonly int[] StrappingPins = [0, 2, 5, 12, 15];
    private static readonly int[] Adc2Pins = [0, 2, 4, 12, 13, 14, 15, 25, 26, 27];
    private static readonly int[] ExistingPins = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39];

    private static readonly PinRole[] OutputRoles = [PinRole.RelayOutput, PinRole.DhtTrigger, PinRole.UartTx, PinRole.StatusLed];

    [TestMethod]
    public void EveryPinExistsAndIsFreeOfFlashPsramAndConsole()
    {
        foreach (var row in PinMap.All())
        {
            Assert.IsTrue(ExistingPins.Contains(row.Gpio), $"GPIO {row.Gpio} ({row.Purpose}) does not exist on the ESP32");
            Assert.IsFalse(FlashPins.Contains(row.Gpio), $"GPIO {row.Gpio} ({row.Purpose}) is a flash pin");
            Assert.IsFalse(PsramPins.Contains(row.Gpio), $"GPIO {row.Gpio} ({row.Purpose}) drives PSRAM on the WROVER module");
            Assert.IsFalse(ConsolePins.Contains(row.Gpio), $"GPIO {row.Gpio} ({row.Purpose}) is UART0 (flashing/debug)");
        }
    }

    [TestMethod]
    public void NoPinIsUsedTwice()
    {
        var duplicates = PinMap.All().GroupBy(r => r.Gpio).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.IsEmpty(duplicates, "used twice: GPIO " + string.Join(", ", duplicates));
    }

    [TestMethod]
    public void InputOnlyPinsAreInputsWithExternalPullUps()
    {
        foreach (var row in PinMap.All().Where(r => r.Gpio >= 34 && r.Gpio <= 39))
        {
            Assert.IsFalse(OutputRoles.Contains(row.Role), $"GPIO {row.Gpio} is input-only but is used as {row.Role}");
            Assert.AreNotEqual(PinRole.ContactInputInternalPullUp, row.Role, $"GPIO {row.Gpio} has no internal pull-up");
        }
    }

    [TestMethod]
    public void NoRelayOnAStrappingPin()
    {
        foreach (var row in PinMap.All().Where(r => r.Role == PinRole.RelayOutput))
        {
            Assert.IsFalse(StrappingPins.Contains(row.Gpio), $"relay {row.DeviceId} on strapping pin GPIO {row.Gpio}");
        }
    }

    [TestMethod]
    public void StrappingPinsCarryOnlyTheLedAndAPulledUpDhtTrigger()
    {
        foreach (var row in PinMap.All().Where(r => StrappingPins.Contains(r.Gpio)))
        {
            bool allowed = (row.Gpio == 2 && row.Role == PinRole.StatusLed) || (row.Gpio == 5 && row.Role == PinRole.DhtTrigger);
            Assert.IsTrue(allowed, $"GPIO {row.Gpio} is a strapping pin but is used as {row.Role}");
        }
    }

    [TestMethod]
    public void NoContactPullsGpio12HighAtBoot()
    {
        // GPIO 12 high at reset selects 1.8 V flash and the module does not boot.
        Assert.IsFalse(PinMap.All().Any(r => r.Gpio == 12), "GPIO 12 must stay unused on this board");
    }

    [TestMethod]
    public void NoAnalogUseOfAdc2Pins()
    {
        // The board reads no analog value today; if one is added it must be on ADC1 (32-39): ADC2 is off while Wi-Fi runs.
        var analogRoles = Enum.GetNames<PinRole>().Where(n => n.Contains("Analog", StringComparison.Ordinal)).ToArray();
        Assert.IsEmpty(analogRoles, "an analog role exists: extend this test to keep it off ADC2 pins " + string.Join(",", Adc2Pins));
    }

    [TestMethod]
    public void DhtProbesComeInTriggerEchoPairs()
    {
        var rows = PinMap.All();
        foreach (var trigger in rows.Where(r => r.Role == PinRole.DhtTrigger))
        {
            int echo = PinMap.DhtEchoFor(trigger.Gpio);
            var echoRow = rows.SingleOrDefault(r => r.Gpio == echo);
            Assert.IsNotNull(echoRow, $"DHT trigger GPIO {trigger.Gpio} has no echo pin");
            Assert.AreEqual(PinRole.DhtEcho, echoRow.Role);
            Assert.AreEqual(trigger.DeviceId, echoRow.DeviceId);
        }
    }

    [TestMethod]
    public void RulesAgreeWithTheDatasheetLists()
    {
        foreach (int gpio in Enumerable.Range(-1, 42))
        {
            bool usable = ExistingPins.Contains(gpio) && !FlashPins.Contains(gpio) && !PsramPins.Contains(gpio) && !ConsolePins.Contains(gpio);
            Assert.AreEqual(usable, Esp32PinRules.CheckUsable(gpio) == null, $"usable GPIO {gpio}");
            bool relayOk = usable && gpio < 34 && !StrappingPins.Contains(gpio);
            Assert.AreEqual(relayOk, Esp32PinRules.CheckRelay(gpio) == null, $"relay on GPIO {gpio}");
            Assert.AreEqual(Adc2Pins.Contains(gpio), Esp32PinRules.IsAdc2(gpio), $"ADC2 GPIO {gpio}");
        }
    }

    [TestMethod]
    public void RefusalsNameTheProblemAndTheFix()
    {
        StringAssert.Contains(Esp32PinRules.CheckRelay(7), "SPI flash");
        StringAssert.Contains(Esp32PinRules.CheckRelay(35), "input-only");
        StringAssert.Contains(Esp32PinRules.CheckRelay(2), "strapping");
        StringAssert.Contains(Esp32PinRules.CheckRelay(2), "use another output pin");
    }
}
