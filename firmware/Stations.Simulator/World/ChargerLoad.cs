namespace Stations.Simulator.World;

/// <summary>
/// A battery charger plugged into an outlet: constant current (flat power) until the cell reaches its CV threshold,
/// then a constant-voltage tail whose power decays exponentially, then the charger's own standby draw once it
/// terminates. The tail is what lets the station's "full" cut-off trigger, as on a real e-bike or phone charger.
/// </summary>
public sealed class ChargerLoad
{
    private readonly double _noiseFraction;
    private readonly SimRandom _random;

    /// <summary>Creates a charger for a battery at a given state of charge.</summary>
    public ChargerLoad(string kind, double capacityWh, double constantCurrentWatts, double stateOfCharge, double standbyWatts, SimRandom random,
        double cvThreshold = 0.8, double terminationFraction = 0.04, double efficiency = 0.85, double noiseFraction = 0.02)
    {
        Kind = kind;
        CapacityWh = capacityWh;
        ConstantCurrentWatts = constantCurrentWatts;
        StateOfCharge = stateOfCharge;
        StandbyWatts = standbyWatts;
        CvThreshold = cvThreshold;
        TerminationFraction = terminationFraction;
        Efficiency = efficiency;
        _noiseFraction = noiseFraction;
        _random = random;
    }

    /// <summary>A typical 48 V e-bike charger (lithium or lead-acid pack, 0.6–1 kWh, 150–250 W).</summary>
    public static ChargerLoad EBike(SimRandom random) => new("ebike", random.Range(600, 1000), random.Range(150, 250), random.Range(0.1, 0.5), 1.5, random);

    /// <summary>A phone on a 10–20 W adapter.</summary>
    public static ChargerLoad Phone(SimRandom random) => new("phone", random.Range(15, 20), random.Range(10, 20), random.Range(0.05, 0.5), 0.3, random, cvThreshold: 0.75);

    /// <summary>`ebike` or `phone`.</summary>
    public string Kind { get; }

    /// <summary>Battery capacity.</summary>
    public double CapacityWh { get; }

    /// <summary>Power drawn from the socket in the constant-current phase.</summary>
    public double ConstantCurrentWatts { get; }

    /// <summary>Battery state of charge, 0 … 1.</summary>
    public double StateOfCharge { get; private set; }

    /// <summary>What the charger draws after terminating.</summary>
    public double StandbyWatts { get; }

    /// <summary>State of charge where constant voltage takes over.</summary>
    public double CvThreshold { get; }

    /// <summary>The charger stops once the tail falls under this fraction of the CC power.</summary>
    public double TerminationFraction { get; }

    /// <summary>Share of socket energy that ends up in the battery.</summary>
    public double Efficiency { get; }

    /// <summary>True once the charger has terminated (only standby draw remains).</summary>
    public bool Terminated { get; private set; }

    /// <summary>Power drawn now when energised, without measurement noise.</summary>
    public double IdealPowerWatts
    {
        get
        {
            if (Terminated) return StandbyWatts;
            if (StateOfCharge < CvThreshold) return ConstantCurrentWatts;
            // CV: current ∝ remaining charge, so power decays exponentially in time.
            return ConstantCurrentWatts * (1 - StateOfCharge) / (1 - CvThreshold);
        }
    }

    /// <summary>Power a meter would read now (with a little noise).</summary>
    public double PowerWatts(bool energised)
    {
        if (!energised) return 0;
        double p = IdealPowerWatts;
        return Math.Max(0, p * (1 + _noiseFraction * _random.Gaussian()));
    }

    /// <summary>Charges for <paramref name="elapsedMs"/> when energised; returns the socket energy used (Wh).</summary>
    public double Advance(long elapsedMs, bool energised)
    {
        if (!energised || elapsedMs <= 0) return 0;
        double remainingHours = elapsedMs / 3_600_000.0;
        double energyWh = 0;
        // Small sub-steps keep the exponential tail accurate even with coarse ticks.
        while (remainingHours > 0)
        {
            double step = Math.Min(remainingHours, 1.0 / 60);
            double p = IdealPowerWatts;
            energyWh += p * step;
            if (!Terminated)
            {
                StateOfCharge = Math.Min(1.0, StateOfCharge + p * step * Efficiency / CapacityWh);
                if (StateOfCharge >= CvThreshold && IdealPowerWatts < ConstantCurrentWatts * TerminationFraction) Terminated = true;
            }
            remainingHours -= step;
        }
        return energyWh;
    }
}
