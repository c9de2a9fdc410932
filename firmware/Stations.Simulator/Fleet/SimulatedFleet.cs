using System.Diagnostics;
using Stations.Simulator.Link;
using Stations.Simulator.Profiles;
using Stations.Simulator.Time;
using Stations.Simulator.World;

namespace Stations.Simulator.Fleet;

/// <summary>
/// A fleet of virtual stations in one process: one shared virtual clock and one scheduler thread for all of them.
/// Run it live (virtual time = real time × acceleration) for the demo and load tests, or in lockstep
/// (<see cref="RunFor"/>, <see cref="Backfill"/>) where virtual time advances only as fast as the network settles,
/// which makes a seeded run reproducible and lets months of history go through the real code path quickly.
/// </summary>
public sealed class SimulatedFleet : IDisposable
{
    private readonly FleetScheduler _scheduler;
    private readonly object _runGate = new();

    /// <summary>Builds the fleet (nothing connects until it runs).</summary>
    public SimulatedFleet(FleetOptions options, FirmwareFactory firmware)
    {
        options.Validate();
        Options = options;
        long start = options.StartUtc.ToUnixTimeMilliseconds();
        Clock = new VirtualClock(start);
        _scheduler = new FleetScheduler(Clock);
        Weather = new Weather(options.Seed);
        var profiles = StationProfiles.Assign(StationProfiles.ParseMix(options.ProfileMix), options.StationCount);
        var stations = new List<VirtualStation>(options.StationCount);
        for (int i = 0; i < options.StationCount; i++)
        {
            string id = $"{options.IdPrefix}-{i + 1:0000}";
            var site = new StationSite(id, profiles[i], Weather, options.Seed, start);
            var counters = new StationCounters(options.AckLatency);
            var board = new StationBoard(id, options.Passwords.For(id), site, new StationClock(Clock),
                new MqttStationLink(options.Broker, counters), new SimulatedFlash(options.FlashBytes), SimRandom.For(options.Seed, id + "/board"));
            board.StoredConfigJson = StationConfigBuilder.Build(id, profiles[i]);
            board.LinkTimeScale = options.LinkTimeScale;
            var station = new VirtualStation(board, counters, profiles[i], options.Faults, options.Seed, options.TickMs, firmware);
            stations.Add(station);
            // Stagger the first ticks so a big fleet does not connect (and send every minute) in one burst.
            long spread = Math.Max(options.TickMs, options.BootSpreadMs);
            _scheduler.Add(station, start + (long)i * spread / options.StationCount);
        }
        Stations = stations;
    }

    /// <summary>The options the fleet was built with.</summary>
    public FleetOptions Options { get; }

    /// <summary>The shared virtual clock.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The region's weather.</summary>
    public Weather Weather { get; }

    /// <summary>The stations, in id order.</summary>
    public IReadOnlyList<VirtualStation> Stations { get; }

    /// <summary>Virtual now.</summary>
    public DateTimeOffset VirtualUtc => DateTimeOffset.FromUnixTimeMilliseconds(Clock.UtcNowMs);

    /// <summary>
    /// Lockstep: advances virtual time by <paramref name="virtualDuration"/> in steps, waiting after each step until
    /// every link has settled (no connect or publish in flight) and, when configured, the backlog is acknowledged.
    /// </summary>
    public void RunFor(TimeSpan virtualDuration, CancellationToken cancel = default)
    {
        lock (_runGate)
        {
            long target = Clock.UtcNowMs + (long)virtualDuration.TotalMilliseconds;
            while (Clock.UtcNowMs < target && !cancel.IsCancellationRequested)
            {
                long step = Math.Min(target, Clock.UtcNowMs + Options.LockstepStepMs);
                _scheduler.RunUntil(step);
                Settle(cancel);
            }
        }
    }

    /// <summary>
    /// Backfill: runs in lockstep from the current virtual time (set <see cref="FleetOptions.StartUtc"/> to the
    /// start of the history) up to <paramref name="toUtc"/>. Messages carry their historical `ts`.
    /// </summary>
    public void Backfill(DateTimeOffset toUtc, CancellationToken cancel = default)
    {
        var remaining = toUtc - VirtualUtc;
        if (remaining <= TimeSpan.Zero)
            throw new ArgumentException($"Backfill end {toUtc:O} is not after the fleet's virtual now {VirtualUtc:O}: set StartUtc to the start of the history.");
        RunFor(remaining, cancel);
    }

    /// <summary>
    /// Live: virtual time follows real time × <paramref name="acceleration"/> until <paramref name="realDuration"/>
    /// has passed (or forever when null) or the token is cancelled. Runs on the calling task; one thread at a time.
    /// </summary>
    public async Task RunLiveAsync(double acceleration, TimeSpan? realDuration, CancellationToken cancel)
    {
        if (acceleration <= 0) throw new ArgumentOutOfRangeException(nameof(acceleration), acceleration, "Acceleration must be > 0 (1 = real time, 1440 = a day a minute).");
        var watch = Stopwatch.StartNew();
        long startVirtual = Clock.UtcNowMs;
        while (!cancel.IsCancellationRequested && (realDuration == null || watch.Elapsed < realDuration))
        {
            long target = startVirtual + (long)(watch.Elapsed.TotalMilliseconds * acceleration);
            int steps;
            lock (_runGate) steps = _scheduler.RunUntil(target, maxSteps: 20_000);
            if (steps < 20_000)
            {
                try
                {
                    await Task.Delay(10, cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Counts across the fleet.</summary>
    public FleetSummary Summary()
    {
        long tel = 0, ev = 0, res = 0, resent = 0, broker = 0, acked = 0, backlog = 0, boots = 0;
        int connected = 0, off = 0;
        var types = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in Stations)
        {
            var c = s.Counters;
            tel += c.Telemetry;
            ev += c.Events;
            res += c.CommandResults;
            resent += c.Resent;
            broker += c.BrokerAcked;
            acked += c.Acked;
            backlog += c.Unacked;
            boots += s.Boots;
            if (s.Board.Link.IsConnected) connected++;
            if (s.PoweredOff) off++;
            foreach (var (type, n) in c.EventTypes) types[type] = types.GetValueOrDefault(type) + n;
        }
        return new FleetSummary(VirtualUtc, Stations.Count, connected, off, tel, ev, res, resent, broker, acked, backlog, boots, types);
    }

    private void Settle(CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        while (!cancel.IsCancellationRequested && watch.Elapsed < Options.SettleTimeout)
        {
            bool busy = false;
            foreach (var s in Stations)
            {
                var link = s.Board.Link;
                if (link.InFlight > 0 || link.Connecting || (Options.MaxBacklogPerStation > 0 && link.IsConnected && s.Counters.Unacked > Options.MaxBacklogPerStation))
                {
                    busy = true;
                    break;
                }
            }
            if (!busy) return;
            Thread.Sleep(1); // waiting on sockets owned by MQTTnet; nothing to signal on
        }
    }

    /// <summary>Disconnects every station (the will is not published) and frees the links.</summary>
    public void Stop()
    {
        foreach (var s in Stations) s.Board.Link.Disconnect();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var s in Stations) s.Dispose();
    }
}
