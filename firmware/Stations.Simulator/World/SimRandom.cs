namespace Stations.Simulator.World;

/// <summary>
/// A small deterministic random stream (SplitMix64). Every station, day and fault plan derives its own stream from
/// the fleet seed, so a run is reproducible and one station's draws never shift another's.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>Creates a stream from a seed.</summary>
    public SimRandom(ulong seed) => _state = seed;

    /// <summary>Creates a stream for a named purpose (e.g. station id + "visitors") under a fleet seed.</summary>
    public static SimRandom For(long seed, string purpose, long salt = 0) => new(Mix((ulong)seed, purpose, salt));

    /// <summary>Mixes a seed with a purpose string and a number into a new 64-bit seed (FNV-1a then SplitMix).</summary>
    public static ulong Mix(ulong seed, string purpose, long salt)
    {
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char c in purpose)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        h ^= (ulong)salt;
        return Next(ref h);
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next raw 64 bits.</summary>
    public ulong NextUInt64() => Next(ref _state);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, max).</summary>
    public int Between(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public double Gaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exponential waiting time with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());
}
