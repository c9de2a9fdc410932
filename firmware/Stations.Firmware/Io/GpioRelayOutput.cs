using System.Device.Gpio;
using Stations.Core.Hardware;

namespace Stations.Firmware.Io
{
    /// <summary>A relay or SSR driven by one GPIO. It is switched off in the constructor, before anything else can run.</summary>
    public sealed class GpioRelayOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;
        private readonly PinValue _onLevel;
        private readonly PinValue _offLevel;

        /// <summary>Opens the pin as an output and writes the off level at once.</summary>
        /// <param name="controller">The board's GPIO controller.</param>
        /// <param name="gpio">ESP32 GPIO number (see Board/PinMap).</param>
        /// <param name="activeHigh">True when a high level energises the relay (the board's ULN2003A driver).</param>
        public GpioRelayOutput(GpioController controller, int gpio, bool activeHigh)
        {
            _onLevel = activeHigh ? PinValue.High : PinValue.Low;
            _offLevel = activeHigh ? PinValue.Low : PinValue.High;
            _pin = controller.OpenPin(gpio, PinMode.Output);
            // Off first: a relay must never be on because the firmware (re)started.
            _pin.Write(_offLevel);
            IsOn = false;
        }

        /// <summary>The level last written, as on/off.</summary>
        public bool IsOn { get; private set; }

        /// <inheritdoc />
        public void Write(bool on)
        {
            _pin.Write(on ? _onLevel : _offLevel);
            IsOn = on;
        }
    }
}
