using Stations.Simulator.Faults;
using Stations.Simulator.Link;
using Stations.Simulator.Profiles;

namespace Stations.Simulator.Fleet;

/// <summary>How to build a fleet: size, mix, seed, virtual start time, tick, faults and where to connect.</summary>
public sealed record FleetOptions
{
    /// <summary>Broker to connect to.</summary>
    public BrokerEndpoint Broker { get; init; } = new();

    /// <summary>Number of virtual stations.</summary>
    public int StationCount { get; init; } = 10;

    /// <summary>Station ids are `{prefix}-0001`, `{prefix}-0002` ….</summary>
    public string IdPrefix { get; init; } = "sim";

    /// <summary>Profile mix, e.g. `busy:3,quiet:4,smart:2,neglected:1`.</summary>
    public string ProfileMix { get; init; } = StationProfiles.DefaultMix;

    /// <summary>Seed of every random choice (people, weather, faults, boot ids).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Virtual UTC at which the fleet starts (defaults to the real now, rounded to the second).</summary>
    public DateTimeOffset StartUtc { get; init; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Virtual time between two main-loop passes of a station (the board ticks every 100 ms; 1 s keeps big fleets cheap).</summary>
    public int TickMs { get; init; } = 1000;

    /// <summary>Random fault rates.</summary>
    public FaultRates Faults { get; init; } = FaultRates.None;

    /// <summary>Where passwords come from.</summary>
    public StationPasswords Passwords { get; init; } = StationPasswords.FromDemoSecret();

    /// <summary>Lockstep runs: virtual time advanced before waiting for the network to settle.</summary>
    public int LockstepStepMs { get; init; } = 5_000;

    /// <summary>Backfill: wait while any station has more unacknowledged messages than this (0 = do not wait for acks).</summary>
    public int MaxBacklogPerStation { get; init; }

    /// <summary>Lockstep runs: longest real wait for the network to settle in one step.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Virtual ms per real ms for the boards' link timers (ack timeout, send rate, reconnect backoff). The boards run
    /// them in real time; a live run at acceleration ×A sets this to A so a station waits 30 real seconds for an ack
    /// (not 0.5 s at ×60), backs off as in the field and does not replay faster than the gateway can answer.
    /// 1 (default) keeps them in virtual time, which suits lockstep runs (they wait for the network anyway).
    /// </summary>
    public double LinkTimeScale { get; init; } = 1;

    /// <summary>
    /// Virtual time over which the stations' first boots are spread (0 = one tick, the default). Boards power on at
    /// different moments, so their once-a-minute telemetry is spread over the minute; booting thousands of stations
    /// within one tick makes them all send in the same second, every minute. 60000 spreads them like a real fleet.
    /// </summary>
    public int BootSpreadMs { get; init; }

    /// <summary>
    /// Flash each board's file system has (default 256 KB: the config partition of a 4 MB module, ~4 h of outbox).
    /// 2 MB models the 8 MB module's partition, whose 1.5 MB outbox holds a day offline (docs/outbox.md).
    /// </summary>
    public int FlashBytes { get; init; } = 256 * 1024;

    /// <summary>When set, every station times its messages from first publish to the covering gateway ack here.</summary>
    public AckLatencyRecorder? AckLatency { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the field and the fix.</summary>
    public void Validate()
    {
        if (StationCount is < 1 or > 100_000) throw new ArgumentException($"Station count {StationCount} is out of range: use 1 … 100000.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(IdPrefix, "^[a-z0-9][a-z0-9-]{1,20}$"))
            throw new ArgumentException($"Id prefix '{IdPrefix}' is not valid: use 2–21 lowercase letters, digits or '-', starting with a letter or digit.");
        if (TickMs is < 10 or > 60_000) throw new ArgumentException($"Tick {TickMs} ms is out of range: use 10 … 60000.");
        if (LockstepStepMs < TickMs) throw new ArgumentException($"Lockstep step {LockstepStepMs} ms must be at least the tick ({TickMs} ms).");
        if (LinkTimeScale is < 1 or > 1_000_000 || double.IsNaN(LinkTimeScale)) throw new ArgumentException($"Link time scale {LinkTimeScale} is out of range: use 1 … 1000000 (the live acceleration, or 1).");
        if (FlashBytes is < 64 * 1024 or > 64 * 1024 * 1024) throw new ArgumentException($"Flash size {FlashBytes} bytes is out of range: use 65536 … 67108864 (2097152 = the 8 MB module's partition).");
        if (BootSpreadMs is < 0 or > 86_400_000) throw new ArgumentException($"Boot spread {BootSpreadMs} ms is out of range: use 0 … 86400000.");
        if (Broker.Port is < 1 or > 65535) throw new ArgumentException($"Broker port {Broker.Port} is out of range: use 1 … 65535.");
        StationProfiles.ParseMix(ProfileMix);
    }
}
