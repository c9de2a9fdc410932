using System.Device.Gpio;
using Stations.Core.Hardware;

namespace Stations.Firmware.Io
{
    /// <summary>
    /// Counts flow meter pulses with the ESP32 hardware pulse counter (PCNT, nanoFramework.Hardware.Esp32's
    /// GpioPulseCounter), so no pulse is lost while managed code is busy. The count only grows.
    /// </summary>
    public sealed class FlowPulseCounter : IPulseCounter
    {
        // The PCNT glitch filter counts APB clock cycles (80 MHz): 1000 cycles = 12.5 us, far below a flow meter's
        // shortest pulse (YF-S201 at 30 L/min is about 225 Hz), far above contact bounce spikes on a long cable.
        private const ushort GlitchFilterApbCycles = 1000;

        private readonly GpioPulseCounter _counter;

        /// <summary>Starts counting rising edges on the given pin.</summary>
        public FlowPulseCounter(int gpio)
        {
            _counter = new GpioPulseCounter(gpio);
            _counter.Polarity = GpioPulsePolarity.Rising;
            _counter.FilterPulses = GlitchFilterApbCycles;
            _counter.Start();
        }

        /// <inheritdoc />
        public long Count
        {
            get { return _counter.Read().Count; }
        }
    }
}
