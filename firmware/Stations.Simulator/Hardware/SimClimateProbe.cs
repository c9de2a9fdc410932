using Stations.Core.Hardware;
using Stations.Simulator.World;

namespace Stations.Simulator.Hardware;

/// <summary>A simulated DHT22 reading the room: small noise, an occasional failed read, and a failure fault.</summary>
public sealed class SimClimateProbe : IClimateSensor
{
    private readonly IndoorClimate _room;
    private readonly SimRandom _random;

    /// <summary>Creates a probe in a room.</summary>
    public SimClimateProbe(IndoorClimate room, SimRandom random, double occasionalFailureRate = 0.01)
    {
        _room = room;
        _random = random;
        OccasionalFailureRate = occasionalFailureRate;
    }

    /// <summary>Share of reads that fail even on a healthy probe (DHT22s miss a read now and then).</summary>
    public double OccasionalFailureRate { get; set; }

    /// <summary>Fault: every read fails (unplugged or dead probe).</summary>
    public bool Failed { get; set; }

    /// <summary>Reads attempted.</summary>
    public long Reads { get; private set; }

    /// <inheritdoc />
    public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
    {
        Reads++;
        if (Failed || _random.Chance(OccasionalFailureRate))
        {
            temperatureCelsius = double.NaN;
            relativeHumidityPercent = double.NaN;
            return false;
        }
        temperatureCelsius = Math.Round(_room.TemperatureCelsius + 0.1 * _random.Gaussian(), 1);
        relativeHumidityPercent = Math.Round(Math.Clamp(_room.HumidityPercent + 0.5 * _random.Gaussian(), 0, 100), 1);
        return true;
    }
}
