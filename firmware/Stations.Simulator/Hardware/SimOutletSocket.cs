using Stations.Core.Hardware;
using Stations.Simulator.World;

namespace Stations.Simulator.Hardware;

/// <summary>
/// One charging socket: its relay, the charger plugged into it (if any), its power meter and its temperature probe.
/// The socket warms with the load, so a worn contact (a fault) can reach the station's over-temperature cut.
/// </summary>
public sealed class SimOutletSocket : IPowerMeter, ITemperatureProbe
{
    private readonly SimRandom _random;

    /// <summary>Creates a socket driven by a relay.</summary>
    public SimOutletSocket(string id, SimRelay relay, SimRandom random)
    {
        Id = id;
        Relay = relay;
        _random = random;
    }

    /// <summary>Device id in the station config (e.g. `ebike1`).</summary>
    public string Id { get; }

    /// <summary>The relay feeding the socket.</summary>
    public SimRelay Relay { get; }

    /// <summary>The charger plugged in now, or null.</summary>
    public ChargerLoad? Plugged { get; private set; }

    /// <summary>Ambient temperature around the socket, set by the world.</summary>
    public double AmbientCelsius { get; set; } = 25;

    /// <summary>Socket temperature now.</summary>
    public double SocketCelsius { get; private set; } = 25;

    /// <summary>Extra heating in °C per 100 W: ~3 for a good contact, 15+ for a worn one (a fault).</summary>
    public double HeatingCelsiusPer100W { get; set; } = 3;

    /// <summary>Fault: the meter does not answer.</summary>
    public bool MeterFailed { get; set; }

    /// <summary>Fault: the temperature probe does not answer.</summary>
    public bool ProbeFailed { get; set; }

    /// <summary>Energy delivered through the socket since the simulation began (Wh).</summary>
    public double DeliveredWh { get; private set; }

    /// <summary>Plugs a charger in (replacing none).</summary>
    public void Plug(ChargerLoad charger) => Plugged = charger;

    /// <summary>Takes the charger away.</summary>
    public void Unplug() => Plugged = null;

    /// <summary>Advances charging and socket temperature.</summary>
    public void Advance(long elapsedMs)
    {
        if (elapsedMs <= 0) return;
        if (Plugged != null) DeliveredWh += Plugged.Advance(elapsedMs, Relay.Energised);
        double load = Plugged != null && Relay.Energised ? Plugged.IdealPowerWatts : 0;
        double target = AmbientCelsius + HeatingCelsiusPer100W * load / 100.0;
        double lag = 1 - Math.Exp(-elapsedMs / 600_000.0); // ~10 min thermal time constant
        SocketCelsius += (target - SocketCelsius) * lag;
    }

    /// <inheritdoc />
    public bool TryReadPower(out double powerWatts)
    {
        if (MeterFailed)
        {
            powerWatts = 0;
            return false;
        }
        powerWatts = Plugged?.PowerWatts(Relay.Energised) ?? 0;
        return true;
    }

    /// <inheritdoc />
    public bool TryReadTemperature(out double temperatureCelsius)
    {
        if (ProbeFailed)
        {
            temperatureCelsius = double.NaN;
            return false;
        }
        temperatureCelsius = Math.Round(SocketCelsius + 0.2 * _random.Gaussian(), 1);
        return true;
    }
}
