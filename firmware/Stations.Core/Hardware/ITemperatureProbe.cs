namespace Stations.Core.Hardware
{
    /// <summary>A single temperature reading, e.g. the thermistor on an outlet's socket or charger shelf.</summary>
    public interface ITemperatureProbe
    {
        /// <summary>Reads the temperature once. Returns false when the read failed.</summary>
        bool TryReadTemperature(out double temperatureCelsius);
    }
}
