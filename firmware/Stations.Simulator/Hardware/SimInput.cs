using Stations.Core.Hardware;

namespace Stations.Simulator.Hardware;

/// <summary>A simulated contact, button or beam; the world sets its level (true = active: door open, pressed, broken beam).</summary>
public sealed class SimInput : IDigitalInput
{
    /// <summary>The level the world drives.</summary>
    public bool Level { get; set; }

    /// <summary>Fault: when set, the input reads this value whatever the world does (broken switch, cut wire).</summary>
    public bool? StuckAt { get; set; }

    /// <inheritdoc />
    public bool Read() => StuckAt ?? Level;
}
