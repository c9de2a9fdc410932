// Facade of nanoFramework.Iot.Device.Dhtxx.Esp32 1.2.889 (assembly Iot.Device.Dhtxx.Esp32) and of the UnitsNet
// quantities it returns (UnitsNet.nanoFramework.Temperature / RelativeHumidity 5.75.1).
using System;
using System.Device.Gpio;
using Stations.Firmware.Facade;

namespace Iot.Device.DHTxx.Esp32
{
    [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
    public abstract class DhtBase : IDisposable
    {
        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        protected DhtBase(int pinEcho, int pinTrigger, PinNumberingScheme pinNumberingScheme = PinNumberingScheme.Logical, GpioController gpioController = null, bool shouldDispose = true) { }

        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        public bool IsLastReadSuccessful { get; internal set; }

        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        public virtual UnitsNet.Temperature Temperature => default;

        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        public virtual UnitsNet.RelativeHumidity Humidity => default;

        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        public void Dispose() { }
    }

    [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
    public class Dht22 : DhtBase
    {
        [Mirrors("nanoFramework.Iot.Device.Dhtxx.Esp32", "1.2.889")]
        public Dht22(int pinEcho, int pinTrigger, PinNumberingScheme pinNumberingScheme = PinNumberingScheme.Logical, GpioController gpioController = null, bool shouldDispose = true)
            : base(pinEcho, pinTrigger, pinNumberingScheme, gpioController, shouldDispose)
        {
        }
    }
}

namespace UnitsNet
{
    [Mirrors("UnitsNet.nanoFramework.Temperature", "5.75.1")]
    public struct Temperature
    {
        [Mirrors("UnitsNet.nanoFramework.Temperature", "5.75.1")]
        public double DegreesCelsius => 0;

        [Mirrors("UnitsNet.nanoFramework.Temperature", "5.75.1")]
        public static Temperature FromDegreesCelsius(double degreesCelsius) => default;
    }

    [Mirrors("UnitsNet.nanoFramework.RelativeHumidity", "5.75.1")]
    public struct RelativeHumidity
    {
        [Mirrors("UnitsNet.nanoFramework.RelativeHumidity", "5.75.1")]
        public double Percent => 0;

        [Mirrors("UnitsNet.nanoFramework.RelativeHumidity", "5.75.1")]
        public static RelativeHumidity FromPercent(double percent) => default;
    }
}
