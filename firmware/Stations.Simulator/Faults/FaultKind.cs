namespace Stations.Simulator.Faults;

/// <summary>The faults a virtual station can suffer, on demand or at random.</summary>
public enum FaultKind
{
    /// <summary>The room's climate probe stops answering.</summary>
    SensorFailure,

    /// <summary>An outlet relay welds shut: the load stays energised whatever the logic writes.</summary>
    StuckRelay,

    /// <summary>Wi-Fi drops (minutes to a day): the session dies without DISCONNECT, the broker publishes the will.</summary>
    WifiDrop,

    /// <summary>Mains power is lost, then comes back: relays drop, a new Core runtime boots over the same flash.</summary>
    PowerLoss,

    /// <summary>SNTP does not answer: the station runs without a wall clock (messages without `ts`).</summary>
    ClockNotSynced,

    /// <summary>A flash page goes bad: one stored outbox record is corrupted, found at the next boot.</summary>
    CorruptFlashRecord,
}
