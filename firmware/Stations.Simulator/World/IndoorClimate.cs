namespace Stations.Simulator.World;

/// <summary>
/// Temperature and humidity inside the station room: a first-order lag towards the outdoor value, pushed by the
/// heating/cooling unit when its relay is on and warmed a little by the people inside.
/// </summary>
public sealed class IndoorClimate
{
    /// <summary>Creates the room, starting at the outdoor conditions.</summary>
    public IndoorClimate(double startCelsius, double startHumidityPercent, double insulationHours = 3.0, double hvacCelsiusPerHour = 6.0)
    {
        TemperatureCelsius = startCelsius;
        HumidityPercent = startHumidityPercent;
        InsulationHours = insulationHours;
        HvacCelsiusPerHour = hvacCelsiusPerHour;
    }

    /// <summary>Time constant of the walls: a larger value follows the weather more slowly.</summary>
    public double InsulationHours { get; }

    /// <summary>How fast the heating/cooling unit moves the room temperature at full power.</summary>
    public double HvacCelsiusPerHour { get; }

    /// <summary>Room temperature now.</summary>
    public double TemperatureCelsius { get; private set; }

    /// <summary>Room humidity now.</summary>
    public double HumidityPercent { get; private set; }

    /// <summary>Advances the room by <paramref name="elapsedMs"/>; hvac is −1 cooling, 0 off, +1 heating.</summary>
    public void Advance(long elapsedMs, double outdoorCelsius, double outdoorHumidityPercent, int hvac, int peopleInside)
    {
        if (elapsedMs <= 0) return;
        double hours = Math.Min(elapsedMs / 3_600_000.0, 1.0);
        double lag = 1 - Math.Exp(-hours / InsulationHours);
        TemperatureCelsius += (outdoorCelsius - TemperatureCelsius) * lag;
        TemperatureCelsius += hvac * HvacCelsiusPerHour * hours + 0.15 * peopleInside * hours;
        double targetRh = hvac < 0 ? outdoorHumidityPercent * 0.75 : hvac > 0 ? outdoorHumidityPercent * 0.8 : outdoorHumidityPercent;
        HumidityPercent += (targetRh - HumidityPercent) * (1 - Math.Exp(-hours / 1.5));
        TemperatureCelsius = Math.Clamp(TemperatureCelsius, -30, 60);
        HumidityPercent = Math.Clamp(HumidityPercent, 5, 100);
    }
}
