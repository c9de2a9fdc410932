using Stations.Core.Hardware;

namespace Stations.Firmware.PowerMeter
{
    /// <summary>
    /// The power drawn through one outlet, measured by a PZEM-004T v3.0 (100 A CT version) at a fixed Modbus address on
    /// the shared bus. Chosen because it measures true active power (W) with a CT, is isolated from mains, speaks
    /// documented Modbus RTU and several meters share one UART.
    /// </summary>
    public sealed class Pzem004tPowerMeter : IPowerMeter
    {
        private readonly Pzem004tBus _bus;
        private readonly byte _address;

        /// <summary>Binds the outlet to the meter at <paramref name="address"/> (1 … 247).</summary>
        public Pzem004tPowerMeter(Pzem004tBus bus, byte address)
        {
            _bus = bus;
            _address = address;
        }

        /// <inheritdoc />
        public bool TryReadPower(out double powerWatts)
        {
            return _bus.TryReadPower(_address, out powerWatts);
        }
    }
}
