// Facade of nanoFramework.System.Device.Gpio 1.1.62 (assembly System.Device.Gpio): only what the adapters use.
using System;
using Stations.Firmware.Facade;

namespace System.Device.Gpio
{
    [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
    public enum PinMode
    {
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] Input,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] InputPullDown,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] InputPullUp,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] Output,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] OutputOpenDrain,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] OutputOpenDrainPullUp,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] OutputOpenSource,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] OutputOpenSourcePullDown,
    }

    [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
    public enum PinNumberingScheme
    {
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] Logical,
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")] Board,
    }

    [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
    public readonly struct PinValue : IEquatable<PinValue>
    {
        private readonly byte _value;

        private PinValue(byte value) => _value = value;

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public static PinValue High => new PinValue(1);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public static PinValue Low => new PinValue(0);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public bool Equals(PinValue other) => _value == other._value;

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public override bool Equals(object obj) => obj is PinValue other && Equals(other);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public override int GetHashCode() => _value;

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public static bool operator ==(PinValue a, PinValue b) => a.Equals(b);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public static bool operator !=(PinValue a, PinValue b) => !a.Equals(b);
    }

    [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
    public class GpioPin : IDisposable
    {
        internal GpioPin(int pinNumber) => PinNumber = pinNumber;

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public int PinNumber { get; }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public PinValue Read() => PinValue.Low;

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public void Write(PinValue value) { }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public void SetPinMode(PinMode mode) { }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public void Dispose() { }
    }

    [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
    public class GpioController : IDisposable
    {
        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public GpioController() { }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public GpioController(PinNumberingScheme numberingScheme) { }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public GpioPin OpenPin(int pinNumber) => new GpioPin(pinNumber);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public GpioPin OpenPin(int pinNumber, PinMode mode) => new GpioPin(pinNumber);

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public void ClosePin(int pinNumber) { }

        [Mirrors("nanoFramework.System.Device.Gpio", "1.1.62")]
        public void Dispose() { }
    }
}
