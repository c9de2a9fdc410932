using System.Device.Gpio;
using Stations.Core.Hardware;

namespace Stations.Firmware.Io
{
    /// <summary>
    /// A door contact, button, sign switch or beam read as a raw level. Core debounces it; this adapter only maps the
    /// electrical level to "active".
    /// </summary>
    public sealed class GpioContactInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly PinValue _activeLevel;

        /// <summary>Opens the pin as an input.</summary>
        /// <param name="controller">The board's GPIO controller.</param>
        /// <param name="gpio">ESP32 GPIO number (see Board/PinMap).</param>
        /// <param name="internalPullUp">True to use the ESP32 pull-up; false for GPIO 34-39, which need an external one.</param>
        /// <param name="activeLow">True when the contact pulls the line to GND when active (closed / pressed / beam broken).</param>
        public GpioContactInput(GpioController controller, int gpio, bool internalPullUp, bool activeLow)
        {
            _activeLevel = activeLow ? PinValue.Low : PinValue.High;
            _pin = controller.OpenPin(gpio, internalPullUp ? PinMode.InputPullUp : PinMode.Input);
        }

        /// <inheritdoc />
        public bool Read()
        {
            return _pin.Read() == _activeLevel;
        }
    }
}
