using Stations.Core.Hardware;

namespace Stations.Simulator.Hardware;

/// <summary>
/// The water dispenser: a valve relay, a flow meter (pulses per litre), the visitors' button, and faults for an
/// empty tank (valve open, nothing flows) and a leak (water flows with the valve shut).
/// </summary>
public sealed class SimDispenser : IPulseCounter
{
    private double _pulses;

    /// <summary>Creates a dispenser.</summary>
    public SimDispenser(string id, SimRelay valve, SimInput button, double pulsesPerLitre = 450, double flowLitresPerMinute = 1.5)
    {
        Id = id;
        Valve = valve;
        Button = button;
        PulsesPerLitre = pulsesPerLitre;
        FlowLitresPerMinute = flowLitresPerMinute;
    }

    /// <summary>Device id in the station config (e.g. `water1`).</summary>
    public string Id { get; }

    /// <summary>The valve relay.</summary>
    public SimRelay Valve { get; }

    /// <summary>The push button visitors press.</summary>
    public SimInput Button { get; }

    /// <summary>Flow meter constant.</summary>
    public double PulsesPerLitre { get; }

    /// <summary>Flow with the valve open and water in the tank.</summary>
    public double FlowLitresPerMinute { get; }

    /// <summary>Fault: tank empty or supply cut (the neglected station's broken dispenser).</summary>
    public bool Dry { get; set; }

    /// <summary>Fault: water runs with the valve closed, litres per minute.</summary>
    public double LeakLitresPerMinute { get; set; }

    /// <summary>Litres that actually flowed.</summary>
    public double DispensedLitres { get; private set; }

    /// <inheritdoc />
    public long Count => (long)_pulses;

    /// <summary>Advances the flow.</summary>
    public void Advance(long elapsedMs)
    {
        if (elapsedMs <= 0) return;
        double minutes = elapsedMs / 60_000.0;
        double litres = (Valve.Energised && !Dry ? FlowLitresPerMinute * minutes : 0) + LeakLitresPerMinute * minutes;
        DispensedLitres += litres;
        _pulses += litres * PulsesPerLitre;
    }
}
