namespace Stations.Core.Hardware
{
    /// <summary>A raw contact, button or switch; debouncing is done by the station logic, not the adapter.</summary>
    public interface IDigitalInput
    {
        /// <summary>The raw level, already mapped to "active" (true = contact closed / button pressed / beam broken).</summary>
        bool Read();
    }
}
