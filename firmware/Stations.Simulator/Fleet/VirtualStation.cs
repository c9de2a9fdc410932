using Stations.Simulator.Faults;
using Stations.Simulator.Link;
using Stations.Simulator.Profiles;
using Stations.Simulator.Time;
using Stations.Simulator.World;

namespace Stations.Simulator.Fleet;

/// <summary>
/// One virtual station: the site, the board and the firmware running on it, stepped by the fleet scheduler.
/// It applies faults (random by rate, or injected), power cycles the board, and lets SNTP sync the clock.
/// </summary>
public sealed class VirtualStation : IScheduled, IDisposable
{
    private const long SntpDelayMs = 3_000;
    private readonly FirmwareFactory _firmwareFactory;
    private readonly SimRandom _faultRandom;
    private readonly FaultRates _rates;
    private readonly long _tickMs;
    private IStationFirmware? _firmware;
    private long _poweredOffUntilMs = -1;
    private long _networkBackAtMs = -1;
    private long _sntpBackAtMs = -1;
    private long _probeRepairedAtMs = -1;
    private long _relayRepairedAtMs = -1;
    private long _nextRandomFaultMs;
    private bool _corruptAtPowerOff;

    internal VirtualStation(StationBoard board, StationCounters counters, StationProfile profile, FaultRates rates, long seed, long tickMs, FirmwareFactory firmwareFactory)
    {
        Board = board;
        Counters = counters;
        Profile = profile;
        _rates = rates;
        _tickMs = tickMs;
        _firmwareFactory = firmwareFactory;
        _faultRandom = SimRandom.For(seed, board.StationId + "/faults");
        _nextRandomFaultMs = NextFaultTime(board.Clock.BootUtcMs);
    }

    /// <summary>Station id.</summary>
    public string Id => Board.StationId;

    /// <summary>The board.</summary>
    public StationBoard Board { get; }

    /// <summary>The profile.</summary>
    public StationProfile Profile { get; }

    /// <summary>The firmware running now (null while powered off or before the first tick).</summary>
    public IStationFirmware? Firmware => _firmware;

    /// <summary>Records of the current boot stored but never published yet (0 for firmware without an outbox).</summary>
    public long UnsentRecords => _firmware is CoreFirmware core ? core.Link.LastSeq - Counters.HighestSentSeq.GetValueOrDefault(core.Link.BootId) : 0;

    /// <summary>Counters of what this station sent and what was acked.</summary>
    public StationCounters Counters { get; }

    /// <summary>Boots so far (the first power-on included).</summary>
    public int Boots { get; private set; }

    /// <summary>Faults applied so far by kind.</summary>
    public Dictionary<FaultKind, int> FaultsApplied { get; } = [];

    /// <summary>Firmware crashes (unhandled exceptions) so far; each rebooted the board with reason `crash`.</summary>
    public int Crashes { get; private set; }

    /// <summary>The last crash, for logs and tests.</summary>
    public Exception? LastCrash { get; private set; }

    /// <summary>True while mains power is off.</summary>
    public bool PoweredOff => _poweredOffUntilMs >= 0;

    /// <inheritdoc />
    public long RunAt(long utcNowMs)
    {
        Board.Site.AdvanceTo(utcNowMs);
        RepairDue(utcNowMs);
        while (_nextRandomFaultMs <= utcNowMs)
        {
            ApplyRandomFault(utcNowMs);
            _nextRandomFaultMs = NextFaultTime(utcNowMs);
        }
        if (PoweredOff)
        {
            if (utcNowMs < _poweredOffUntilMs) return Math.Min(_poweredOffUntilMs, utcNowMs + 60_000);
            _poweredOffUntilMs = -1;
            Boot("power");
        }
        _firmware ??= BootFirst();
        if (!Board.Clock.IsSynced && !Board.Link.NetworkDown && _sntpBackAtMs < 0 && Board.Clock.UptimeMs >= SntpDelayMs) Board.Clock.Sync();
        try
        {
            _firmware.Tick();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // On the board an unhandled exception ends in a watchdog reset; here too, and the fleet keeps running.
            Crashes++;
            LastCrash = ex;
            Board.Link.Abort();
            Boot("crash");
            return utcNowMs + _tickMs;
        }
        if (Board.RebootRequested)
        {
            Board.ClearReboot();
            _firmware.Shutdown();
            Board.Link.Disconnect();
            Boot("reboot-cmd");
        }
        return utcNowMs + _tickMs;
    }

    private IStationFirmware BootFirst()
    {
        Boots++;
        Board.BootReason = "power";
        return _firmwareFactory(Board);
    }

    private void Boot(string reason)
    {
        foreach (var o in Board.Site.Outlets) o.Relay.PowerOff();
        Board.Site.Dispenser.Valve.PowerOff();
        Board.Site.Hvac?.PowerOff();
        Board.Clock.Reboot();
        Board.BootReason = reason;
        Boots++;
        _firmware = _firmwareFactory(Board);
    }

    /// <summary>Applies a fault now, lasting <paramref name="durationMs"/> where that applies (power, Wi-Fi, SNTP, sensor, relay).</summary>
    public void Inject(FaultKind kind, long durationMs)
    {
        long now = Board.Site.LastAdvancedMs;
        FaultsApplied[kind] = FaultsApplied.GetValueOrDefault(kind) + 1;
        switch (kind)
        {
            case FaultKind.SensorFailure:
                Board.Site.Probe.Failed = true;
                _probeRepairedAtMs = now + durationMs;
                break;
            case FaultKind.StuckRelay:
                if (Board.Site.Outlets.Count == 0) break;
                Board.Site.Outlets[_faultRandom.Between(0, Board.Site.Outlets.Count)].Relay.StuckClosed = true;
                _relayRepairedAtMs = now + durationMs;
                break;
            case FaultKind.WifiDrop:
                Board.Link.NetworkDown = true;
                _networkBackAtMs = Math.Max(_networkBackAtMs, now + durationMs);
                break;
            case FaultKind.PowerLoss:
                Board.Link.Abort();
                foreach (var o in Board.Site.Outlets) o.Relay.PowerOff();
                Board.Site.Dispenser.Valve.PowerOff();
                Board.Site.Hvac?.PowerOff();
                _firmware = null;
                if (_corruptAtPowerOff)
                {
                    Board.Flash.CorruptRecord(_faultRandom);
                    _corruptAtPowerOff = false;
                }
                _poweredOffUntilMs = now + Math.Max(1, durationMs);
                break;
            case FaultKind.ClockNotSynced:
                _sntpBackAtMs = now + durationMs;
                break;
            case FaultKind.CorruptFlashRecord:
                // The damage is found when the outbox is next read at boot: corrupt, then cut power briefly.
                _corruptAtPowerOff = true;
                Inject(FaultKind.PowerLoss, 5_000);
                FaultsApplied[FaultKind.PowerLoss]--;
                break;
        }
    }

    /// <summary>Ends every lasting fault now (Wi-Fi, SNTP, probe, relay, power) as a technician's visit would.</summary>
    public void RepairAll()
    {
        long now = Board.Site.LastAdvancedMs;
        _networkBackAtMs = _sntpBackAtMs = _probeRepairedAtMs = _relayRepairedAtMs = now;
        if (PoweredOff) _poweredOffUntilMs = now;
        RepairDue(now);
    }

    private void RepairDue(long now)
    {
        if (_networkBackAtMs >= 0 && now >= _networkBackAtMs)
        {
            Board.Link.NetworkDown = false;
            _networkBackAtMs = -1;
        }
        if (_sntpBackAtMs >= 0 && now >= _sntpBackAtMs) _sntpBackAtMs = -1;
        if (_probeRepairedAtMs >= 0 && now >= _probeRepairedAtMs)
        {
            Board.Site.Probe.Failed = false;
            _probeRepairedAtMs = -1;
        }
        if (_relayRepairedAtMs >= 0 && now >= _relayRepairedAtMs)
        {
            foreach (var o in Board.Site.Outlets) o.Relay.StuckClosed = false;
            _relayRepairedAtMs = -1;
        }
    }

    private long NextFaultTime(long now)
    {
        double perDay = _rates.Total * Profile.FaultRateMultiplier;
        if (perDay <= 0) return long.MaxValue;
        return now + Math.Max(1_000, (long)(_faultRandom.Exponential(1.0 / perDay) * LocalTime.DayMs));
    }

    private void ApplyRandomFault(long now)
    {
        double pick = _faultRandom.NextDouble() * _rates.Total;
        var kind = FaultKind.SensorFailure;
        foreach (var k in Enum.GetValues<FaultKind>())
        {
            kind = k;
            pick -= _rates.RateOf(k);
            if (pick < 0) break;
        }
        long duration = kind switch
        {
            // Log-uniform: most Wi-Fi drops are minutes, a few last most of a day.
            FaultKind.WifiDrop => (long)(Math.Exp(_faultRandom.Range(Math.Log(120_000), Math.Log(LocalTime.DayMs)))),
            FaultKind.PowerLoss => (long)(Math.Exp(_faultRandom.Range(Math.Log(10_000), Math.Log(7_200_000)))),
            FaultKind.ClockNotSynced => (long)_faultRandom.Range(3_600_000, 12 * 3_600_000),
            FaultKind.SensorFailure => (long)_faultRandom.Range(3_600_000, 48 * 3_600_000),
            FaultKind.StuckRelay => (long)_faultRandom.Range(2 * 3_600_000, 24 * 3_600_000),
            _ => 0,
        };
        _ = now;
        Inject(kind, duration);
    }

    /// <inheritdoc />
    public void Dispose() => Board.Link.Dispose();
}
