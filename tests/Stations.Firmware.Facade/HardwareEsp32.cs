// Facade of nanoFramework.Hardware.Esp32 1.6.42 (assembly nanoFramework.Hardware.Esp32): the pulse counter (which that
// assembly declares in namespace System.Device.Gpio) and pin-function routing.
using System;
using Stations.Firmware.Facade;

namespace System.Device.Gpio
{
    [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
    public enum GpioPulsePolarity
    {
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] Both,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] Falling,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] Rising,
    }

    [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
    public struct GpioPulseCount
    {
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public long Count;

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public TimeSpan RelativeTime;
    }

    [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
    public class GpioPulseCounter : IDisposable
    {
        // The package declares one constructor (int, int); the second pin is optional (-1 = single-pin counter),
        // as the nanoFramework Esp32PulseCounter sample's `new GpioPulseCounter(26)` shows.
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public GpioPulseCounter(int pinNumberA, int pinNumberB = -1) { }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public bool IsStarted { get; private set; }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public GpioPulsePolarity Polarity { get; set; }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public ushort FilterPulses { get; set; }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public GpioPulseCount Read() => default;

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public GpioPulseCount Reset() => default;

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public void Start() => IsStarted = true;

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public void Stop() => IsStarted = false;

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public void Dispose() { }
    }
}

namespace nanoFramework.Hardware.Esp32
{
    [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
    public enum DeviceFunction
    {
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM1_TX,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM1_RX,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM2_TX,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM2_RX,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM3_TX,
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")] COM3_RX,
    }

    [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
    public class Configuration
    {
        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public Configuration() { }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public static void SetPinFunction(int pin, DeviceFunction function) { }

        [Mirrors("nanoFramework.Hardware.Esp32", "1.6.42")]
        public static int GetFunctionPin(DeviceFunction function) => -1;
    }
}
