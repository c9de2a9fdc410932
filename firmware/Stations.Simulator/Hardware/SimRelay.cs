using Stations.Core.Hardware;

namespace Stations.Simulator.Hardware;

/// <summary>A simulated relay: remembers what the logic asked for, and can weld shut (a stuck-relay fault).</summary>
public sealed class SimRelay : IDigitalOutput
{
    /// <summary>What the station logic last wrote.</summary>
    public bool Commanded { get; private set; }

    /// <summary>Fault: the contacts are welded closed, so the load stays energised whatever is written.</summary>
    public bool StuckClosed { get; set; }

    /// <summary>Whether the load is actually energised.</summary>
    public bool Energised => Commanded || StuckClosed;

    /// <summary>Number of writes, for self-test and chaos assertions.</summary>
    public int WriteCount { get; private set; }

    /// <inheritdoc />
    public void Write(bool on)
    {
        Commanded = on;
        WriteCount++;
    }

    /// <summary>Power loss: coils drop out (a welded contact stays welded).</summary>
    public void PowerOff() => Commanded = false;
}
