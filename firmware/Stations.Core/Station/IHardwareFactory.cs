using Stations.Core.Hardware;

namespace Stations.Core.Station
{
    /// <summary>
    /// Creates the hardware adapters for a device's config entry. The controller calls it when it is built and again
    /// after `config.set` (for the same pins, possibly): an adapter for a pin already open should be reused, not reopened.
    /// Role names: `relay` (outlet), `valve`, `hvac`, `button`, `contact` (door), `flow`, `sign`, `beam`.
    /// </summary>
    public interface IHardwareFactory
    {
        /// <summary>A relay or valve output on GPIO <paramref name="pin"/>; it must start de-energised.</summary>
        IDigitalOutput CreateOutput(string deviceId, string role, int pin);

        /// <summary>A contact, button, sign switch or beam input on GPIO <paramref name="pin"/>.</summary>
        IDigitalInput CreateInput(string deviceId, string role, int pin);

        /// <summary>A DHT22-type probe on <paramref name="pin"/> (and <paramref name="pin2"/>, or -1).</summary>
        IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2);

        /// <summary>The power meter channel of an outlet (a bus address, not a GPIO).</summary>
        IPowerMeter CreatePowerMeter(string deviceId, int meterAddress);

        /// <summary>A pulse counter (flow meter) on GPIO <paramref name="pin"/>.</summary>
        IPulseCounter CreatePulseCounter(string deviceId, int pin);

        /// <summary>An outlet's socket temperature probe on GPIO <paramref name="pin"/>.</summary>
        ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin);
    }
}
