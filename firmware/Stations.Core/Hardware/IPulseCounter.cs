namespace Stations.Core.Hardware
{
    /// <summary>Counts pulses from a flow meter or energy meter. The count only grows; the logic takes differences.</summary>
    public interface IPulseCounter
    {
        /// <summary>Total pulses since the counter was created (wraps are not expected within a boot).</summary>
        long Count { get; }
    }
}
