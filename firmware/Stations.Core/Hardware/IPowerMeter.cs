namespace Stations.Core.Hardware
{
    /// <summary>Measures the power drawn through one charging outlet (e.g. a PZEM-004T channel or BL0937).</summary>
    public interface IPowerMeter
    {
        /// <summary>Reads the present load. Returns false when the meter did not answer.</summary>
        bool TryReadPower(out double powerWatts);
    }
}
