using Stations.Core.Hardware;

namespace Stations.Simulator.Hardware;

/// <summary>What a pin with nothing wired to it reads like: outputs go nowhere, inputs stay inactive, sensors fail.</summary>
public sealed class DisconnectedDevice : IDigitalOutput, IDigitalInput, IClimateSensor, IPowerMeter, IPulseCounter, ITemperatureProbe
{
    /// <inheritdoc />
    public long Count => 0;

    /// <inheritdoc />
    public void Write(bool on)
    {
        // Nothing is connected.
    }

    /// <inheritdoc />
    public bool Read() => false;

    /// <inheritdoc />
    public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
    {
        temperatureCelsius = relativeHumidityPercent = double.NaN;
        return false;
    }

    /// <inheritdoc />
    public bool TryReadPower(out double powerWatts)
    {
        powerWatts = 0;
        return false;
    }

    /// <inheritdoc />
    public bool TryReadTemperature(out double temperatureCelsius)
    {
        temperatureCelsius = double.NaN;
        return false;
    }
}
