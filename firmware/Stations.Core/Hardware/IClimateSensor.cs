namespace Stations.Core.Hardware
{
    /// <summary>A temperature and humidity probe such as a DHT22. Reads can fail; the caller decides how often to ask.</summary>
    public interface IClimateSensor
    {
        /// <summary>Reads the probe once. Returns false when the read failed; the out values are then undefined.</summary>
        bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent);
    }
}
