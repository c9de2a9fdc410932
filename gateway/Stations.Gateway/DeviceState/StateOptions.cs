namespace Stations.Gateway.DeviceState;

/// <summary>Settings under `Gateway:State`: presence and derived alarm thresholds.</summary>
public sealed class StateOptions
{
    /// <summary>A station with no message for this long is marked offline (even without a will).</summary>
    public int OfflineAfterSeconds { get; set; } = 300;

    /// <summary>A door open longer than this raises `door.left-open`.</summary>
    public int DoorLeftOpenMinutes { get; set; } = 30;

    /// <summary>Indoor temperature at or above this raises `temp.high`.</summary>
    public double TooHotCelsius { get; set; } = 35;

    /// <summary>How often the presence monitor checks for silent stations.</summary>
    public int PresenceCheckSeconds { get; set; } = 30;
}
