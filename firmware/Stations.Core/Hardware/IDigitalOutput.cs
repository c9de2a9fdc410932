namespace Stations.Core.Hardware
{
    /// <summary>A relay or other on/off output. Off is the safe, de-energised state (normally-open contacts).</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the output; true closes the relay (energises the load).</summary>
        void Write(bool on);
    }
}
