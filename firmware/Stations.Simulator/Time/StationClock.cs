using Stations.Core.Hardware;

namespace Stations.Simulator.Time;

/// <summary>
/// One board's clock over the shared virtual time: uptime counts from the last boot, and the wall clock is valid
/// only after SNTP succeeded this boot. Before that it reads like an ESP32 that booted at 1970-01-01.
/// </summary>
public sealed class StationClock : IClock
{
    private readonly VirtualClock _fleet;
    private long _bootUtcMs;
    private bool _synced;

    /// <summary>Creates the clock of a board that boots now.</summary>
    public StationClock(VirtualClock fleet)
    {
        _fleet = fleet;
        _bootUtcMs = fleet.UtcNowMs;
    }

    /// <summary>A constant error of the board's clock after sync (SNTP is never perfect), in ms.</summary>
    public long SyncErrorMs { get; set; }

    /// <inheritdoc />
    public long UptimeMs => _fleet.UtcNowMs - _bootUtcMs;

    /// <inheritdoc />
    public bool IsSynced => _synced;

    /// <inheritdoc />
    public long UtcNowMs => _synced ? _fleet.UtcNowMs + SyncErrorMs : UptimeMs;

    /// <summary>Virtual UTC of the last boot.</summary>
    public long BootUtcMs => _bootUtcMs;

    /// <summary>A reboot: uptime restarts at 0 and the wall clock is lost until the next sync.</summary>
    public void Reboot()
    {
        _bootUtcMs = _fleet.UtcNowMs;
        _synced = false;
    }

    /// <summary>SNTP answered.</summary>
    public void Sync() => _synced = true;
}
