namespace Stations.Core.Link
{
    /// <summary>A source of randomness for boot ids and reconnect jitter (hardware RNG on the device, seeded in tests).</summary>
    public interface IRandom
    {
        /// <summary>A uniformly distributed integer in 0 … <paramref name="maxExclusive"/> − 1 (maxExclusive ≥ 1).</summary>
        int Next(int maxExclusive);
    }
}
