using System.Device.Gpio;
using Stations.Firmware.Board;
using Stations.Firmware.Climate;
using Stations.Firmware.Io;

namespace Stations.Firmware.Tests;

/// <summary>The factory's pin checks and reuse, run over the facade's stub GPIO (no hardware behaviour is tested).</summary>
[TestClass]
public sealed class Esp32HardwareFactoryTests
{
    [TestMethod]
    public void ReappliedConfigReusesOpenPins()
    {
        var factory = new Esp32HardwareFactory(new GpioController());
        var first = factory.CreateOutput("ebike1", "relay", PinMap.Ebike1Relay);
        Assert.AreSame(first, factory.CreateOutput("ebike1", "relay", PinMap.Ebike1Relay));
        Assert.IsInstanceOfType<GpioRelayOutput>(first);
        Assert.IsFalse(((GpioRelayOutput)first).IsOn, "relays start off");

        var probe = factory.CreateClimateSensor("probe1", PinMap.Probe1Trigger, PinMap.Probe1Echo);
        Assert.AreSame(probe, factory.CreateClimateSensor("probe1", PinMap.Probe1Trigger, PinMap.Probe1Echo));
        Assert.IsInstanceOfType<Dht22Probe>(factory.CreateTemperatureProbe("ebike2", PinMap.Ebike2TempTrigger));
    }

    [TestMethod]
    public void RefusesUnsafePinsWithTheDeviceAndTheFix()
    {
        var factory = new Esp32HardwareFactory(new GpioController());
        var flash = Assert.ThrowsExactly<ArgumentException>(() => factory.CreateOutput("ebike1", "relay", 7));
        StringAssert.Contains(flash.Message, "ebike1");
        StringAssert.Contains(flash.Message, "SPI flash");

        var strapping = Assert.ThrowsExactly<ArgumentException>(() => factory.CreateOutput("phone1", "relay", 0));
        StringAssert.Contains(strapping.Message, "strapping");

        var noEcho = Assert.ThrowsExactly<ArgumentException>(() => factory.CreateTemperatureProbe("ebike1", 32));
        StringAssert.Contains(noEcho.Message, "pin2");

        var address = Assert.ThrowsExactly<ArgumentException>(() => factory.CreatePowerMeter("ebike1", 0));
        StringAssert.Contains(address.Message, "1-247");
    }

    [TestMethod]
    public void OnePinCannotServeTwoKindsOfDevice()
    {
        var factory = new Esp32HardwareFactory(new GpioController());
        factory.CreateInput("door1", "contact", PinMap.Door1Contact);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => factory.CreateOutput("ebike1", "relay", PinMap.Door1Contact));
        StringAssert.Contains(ex.Message, "already used");
    }

    [TestMethod]
    public void MetersShareOneBusAndAreCachedByAddress()
    {
        var factory = new Esp32HardwareFactory(new GpioController());
        var meter1 = factory.CreatePowerMeter("ebike1", PinMap.Ebike1MeterAddress);
        Assert.AreSame(meter1, factory.CreatePowerMeter("ebike1", PinMap.Ebike1MeterAddress));
        Assert.AreNotSame(meter1, factory.CreatePowerMeter("ebike2", PinMap.Ebike2MeterAddress));
    }
}
