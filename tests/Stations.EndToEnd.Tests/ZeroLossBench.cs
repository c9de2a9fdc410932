using System.Globalization;
using System.Text.Json;
using Dapper;
using Stations.Gateway.Rollups;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;
using Stations.Testing;

namespace Stations.EndToEnd.Tests;

/// <summary>
/// One test's world: the real gateway hosted in-process (embedded broker or a client of a real Mosquitto; SQLite or
/// PostgreSQL), the simulator's Core fleet connected to it, and the comparison of what stations sent with what was stored.
/// </summary>
public sealed class ZeroLossBench : IAsyncDisposable
{
    /// <summary>Demo secret the station passwords are derived from (gateway registry, Mosquitto and fleet agree).</summary>
    public const string DemoSecret = "e2e-demo-secret";

    const string GatewayUser = "gateway";
    const string GatewayPassword = "gateway-e2e-password";

    /// <summary>Longest real wait for any condition (a generous bound; the conditions normally hold within seconds).</summary>
    static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    readonly GatewayStarter starter;
    readonly int brokerPort;

    ZeroLossBench(GatewayStarter starter, MosquittoServer? mosquitto, int brokerPort)
    {
        this.starter = starter;
        Mosquitto = mosquitto;
        this.brokerPort = brokerPort;
    }

    /// <summary>The running gateway (null while stopped).</summary>
    public RunningGateway? Gateway { get; private set; }

    /// <summary>The external broker, when the gateway is its client.</summary>
    public MosquittoServer? Mosquitto { get; }

    /// <summary>The port stations connect to: Mosquitto's, or the embedded broker's (kept across gateway restarts).</summary>
    public int StationPort => Mosquitto?.Port ?? brokerPort;

    /// <summary>
    /// Starts storage, optionally Mosquitto, and the gateway, and registers <paramref name="stationIds"/> with derived
    /// passwords. <paramref name="gatewaySettings"/> override the gateway's configuration (e.g. a tiny ingestion queue).
    /// </summary>
    public static async Task<ZeroLossBench> StartAsync(StorageKind storage, bool mosquitto, string name, IReadOnlyList<string> stationIds, IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var embeddedPort = FreeTcpPort.Next();
        var starter = new GatewayStarter()
            .WithEmbeddedBroker(embeddedPort)
            .With("Gateway:Ingestion:BatchDelayMs", "2")
            .With("Gateway:Storage:RawRetentionDays", "0");
        if (storage == StorageKind.Postgres)
        {
            starter.WithSharedPostgres(name);
        }
        else
        {
            starter.WithSqlite("e2e-" + name);
        }

        MosquittoServer? broker = null;
        if (mosquitto)
        {
            var users = stationIds.ToDictionary(id => id, id => StationPasswords.Derive(DemoSecret, id));
            users[GatewayUser] = GatewayPassword;
            broker = await MosquittoServer.StartAsync(users, GatewayUser);
            starter.WithExternalBroker(new ExternalBroker("127.0.0.1", broker.Port, GatewayUser, GatewayPassword, "gw-" + name, "e2e" + Guid.NewGuid().ToString("N")[..8]));
        }

        foreach (var id in stationIds)
        {
            starter.WithStation(id, StationPasswords.Derive(DemoSecret, id));
        }

        var bench = new ZeroLossBench(starter.With(gatewaySettings ?? new Dictionary<string, string?>()), broker, embeddedPort);
        await bench.StartGatewayAsync();
        return bench;
    }

    /// <summary>A gateway service.</summary>
    public T Get<T>() where T : notnull => (Gateway ?? throw new InvalidOperationException("The gateway is stopped: call StartGatewayAsync first.")).Get<T>();

    /// <summary>Starts (or restarts) the gateway on the same storage and broker port (through Mosquitto: once it is connected).</summary>
    public async Task StartGatewayAsync() => Gateway = await starter.StartAsync();

    /// <summary>Stops the gateway (in-flight batches are abandoned un-acked; with the embedded broker stations are cut off).</summary>
    public async Task StopGatewayAsync()
    {
        if (Gateway == null)
        {
            return;
        }

        var gateway = Gateway;
        Gateway = null;
        await gateway.StopAsync();
    }

    /// <summary>
    /// A Core fleet of <paramref name="count"/> stations (`e2e-0001` …) pointed at this bench's broker.
    /// Through Mosquitto the fleet is also paced by the gateway's acks: a lockstep step only waits for the broker's
    /// PUBACKs, which Mosquitto sends on receipt (the embedded broker holds them until the gateway has written), so
    /// unpaced virtual time outruns the gateway, every ack timeout fires each step, the stations replay their windows
    /// every step, Mosquitto's queue for the gateway overflows and Mosquitto drops messages — gaps the acks then stop at.
    /// </summary>
    public SimulatedFleet CreateFleet(int count, long seed, Simulator.Faults.FaultRates? faults = null) => new(new FleetOptions
    {
        MaxBacklogPerStation = Mosquitto == null ? 0 : MosquittoBacklogPerStation,
        Broker = new BrokerEndpoint("127.0.0.1", StationPort) { ConnectWait = TimeSpan.FromSeconds(5) },
        StationCount = count,
        IdPrefix = "e2e",
        ProfileMix = "busy:2,quiet:1,smart:1,neglected:1",
        Seed = seed,
        StartUtc = DateTimeOffset.Parse("2026-07-15T10:00:00+08:00", CultureInfo.InvariantCulture),
        TickMs = 1000,
        LockstepStepMs = 30_000,
        Faults = faults ?? Simulator.Faults.FaultRates.None,
        Passwords = StationPasswords.FromDemoSecret(DemoSecret),
        // Through Mosquitto a step also waits for acks; bounded so a stopped gateway costs 1 s per step, not 5.
        SettleTimeout = TimeSpan.FromSeconds(Mosquitto == null ? 5 : 1),
    }, FirmwareCatalog.Core);

    /// <summary>Unacked messages a station may have through Mosquitto before the fleet waits for the gateway (one send window).</summary>
    const int MosquittoBacklogPerStation = 16;

    /// <summary>Station ids the fleet will use.</summary>
    public static string[] StationIds(int count) => Enumerable.Range(1, count).Select(i => "e2e-" + i.ToString("D4", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Repairs every fault and runs the fleet in short lockstep slices until every station is up, connected and fully
    /// acked. After each slice the gateway gets a moment to catch up before more virtual time adds records (through
    /// Mosquitto a slice does not wait for the gateway's acks, so the check right after it would always see some in flight).
    /// </summary>
    public static async Task DrainAsync(SimulatedFleet fleet)
    {
        foreach (var station in fleet.Stations)
        {
            station.RepairAll();
        }

        bool Drained() => fleet.Stations.All(s => !s.PoweredOff && s.Board.Link.IsConnected && s.Counters.Unacked == 0);
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            fleet.RunFor(TimeSpan.FromSeconds(30));

            // Wait while acks still arrive (a loaded machine needs longer), but not for a gap only a replay can fill.
            var acked = fleet.Stations.Sum(s => s.Counters.Acked);
            var lastProgress = DateTime.UtcNow;
            while (!Drained() && DateTime.UtcNow - lastProgress < TimeSpan.FromSeconds(2) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                var now = fleet.Stations.Sum(s => s.Counters.Acked);
                if (now != acked)
                {
                    acked = now;
                    lastProgress = DateTime.UtcNow;
                }
            }

            if (Drained())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for every station back, connected and fully acked: "
                    + string.Join("; ", fleet.Stations.Select(s => $"{s.Id} off={s.PoweredOff} conn={s.Board.Link.IsConnected} unacked={s.Counters.Unacked}")));
            }
        }
    }

    /// <summary>Compares every station's sent (boot, seq) set with the gateway's messages table.</summary>
    public async Task<ZeroLossReport> CompareAsync(SimulatedFleet fleet)
    {
        await using var connection = await Get<StationDatabase>().OpenAsync();
        var rows = (await connection.QueryAsync<(string StationId, string Boot, long Seq)>("SELECT station_id, boot, seq FROM messages")).ToList();
        var duplicated = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT station_id, boot, seq FROM messages GROUP BY station_id, boot, seq HAVING COUNT(*) > 1) d");
        var deadLetters = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dead_letters");
        var droppedRanges = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dropped_ranges");
        var stored = rows.Select(r => (r.StationId, r.Boot, r.Seq)).ToHashSet();

        // Core's outbox sends each boot's records in seq order from 1 (replays oldest first), so the highest seq the
        // station published per boot defines its sent set: (boot, 1 … highest).
        var sent = new HashSet<(string, string, long)>();
        long visitEventsSent = 0;
        long ackedBehind = 0;
        foreach (var station in fleet.Stations)
        {
            var acked = station.Counters.AckedSeq;
            foreach (var (boot, highest) in station.Counters.HighestSentSeq)
            {
                for (long seq = 1; seq <= highest; seq++)
                {
                    sent.Add((station.Id, boot, seq));
                }

                ackedBehind += highest - Math.Min(highest, acked.GetValueOrDefault(boot));
            }

            visitEventsSent += station.Counters.EventTypes.GetValueOrDefault("visit");
        }

        var lost = sent.Count(k => !stored.Contains(k));
        var unexpected = stored.Count(k => !sent.Contains(k));

        // Visits: Σ n of the stored visit events against the visits the rollups counted (recomputed from raw now).
        await Get<RollupService>().RecomputeDirtyAsync();
        var visitPayloads = await connection.QueryAsync<string>("SELECT payload FROM messages WHERE kind = 'event' AND event_type = 'visit'");
        long visitEventsStored = 0;
        long visitsInEvents = 0;
        foreach (var payload in visitPayloads)
        {
            using var doc = JsonDocument.Parse(payload);
            visitEventsStored++;
            visitsInEvents += doc.RootElement.GetProperty("n").GetInt64();
        }

        var visitsInRollups = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(visits), 0) FROM rollups_daily");
        var boots = fleet.Stations.Sum(s => s.Counters.HighestSentSeq.Count);
        return new ZeroLossReport(sent.Count, stored.Count, lost, duplicated, unexpected, deadLetters, droppedRanges, ackedBehind, boots,
            visitEventsSent, visitEventsStored, visitsInEvents, visitsInRollups);
    }

    /// <summary>Polls <paramref name="condition"/> (the fleet and the store have no change signal) until it holds or <see cref="WaitLimit"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what + (state == null ? "" : ": " + state()));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops the gateway (deleting its SQLite folder) and Mosquitto.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Gateway != null)
        {
            await Gateway.DisposeAsync();
            Gateway = null;
        }

        if (Mosquitto != null)
        {
            await Mosquitto.DisposeAsync();
        }
    }
}
