using System.Globalization;
using Stations.Bench.Fleet;
using Stations.Testing;

namespace Stations.Bench.Chaos;

/// <summary>Where the chaos run's stations connect.</summary>
public enum ChaosBroker
{
    /// <summary>The gateway's embedded MQTT broker (one gateway process; killing it also cuts every station off).</summary>
    Embedded,

    /// <summary>
    /// A real Mosquitto (restartable, no persistence) with one or more gateway processes as its clients on an MQTT 5
    /// shared subscription, all writing to one SQLite file.
    /// </summary>
    Mosquitto,
}

/// <summary>
/// What the chaos run shakes: the gateway process(es) and, with <see cref="ChaosBroker.Mosquitto"/>, the external
/// broker. With Mosquitto, gateway 1 owns the SQLite data folder and every other instance is started on the same file
/// (`--Gateway:Storage:DataFolder`, WAL; SQLite serialises the writers of both processes with its file lock and the
/// 30 s busy timeout), with its own `ClientId` in one `SharedGroup`, and the monthly rating job off (it runs on one
/// instance only, docs/operations.md).
/// </summary>
public sealed class ChaosRig : IAsyncDisposable
{
    /// <summary>The gateways' account on Mosquitto.</summary>
    public const string GatewayUser = "chaos-gateway";

    /// <summary>The shared-subscription group of every gateway instance.</summary>
    public const string SharedGroup = "chaos";

    const string GatewayPassword = "chaos-gateway-password";
    readonly ChaosRunOptions run;
    readonly List<GatewayProcess> gateways = [];
    int stationPort;

    ChaosRig(ChaosRunOptions run, int stationPort)
    {
        this.run = run;
        this.stationPort = stationPort;
    }

    /// <summary>The port stations connect to (the embedded broker's or Mosquitto's; the same after every restart).</summary>
    public int StationPort => stationPort;

    /// <summary>The gateway processes (gateway 1 owns the database).</summary>
    public IReadOnlyList<GatewayProcess> Gateways => gateways;

    /// <summary>The external broker (null with the embedded one).</summary>
    public ChaosMosquitto? Mosquitto { get; private set; }

    /// <summary>Gateway process starts, all instances together.</summary>
    public int GatewayStarts => gateways.Sum(g => g.Starts);

    /// <summary>
    /// Embedded: starts the gateway (its broker port is the stations' port). Mosquitto: only picks the broker's port
    /// (the broker needs the station ids: <see cref="StartAsync"/>).
    /// </summary>
    public static async Task<ChaosRig> PrepareAsync(ChaosRunOptions run, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Broker == ChaosBroker.Embedded)
        {
            if (run.Gateways != 1 || run.BrokerRestarts != 0)
            {
                throw new ArgumentException("Several gateway instances and broker restarts need the external broker (Mosquitto).");
            }

            var rig = new ChaosRig(run, 0);
            try
            {
                var gateway = await GatewayProcess.StartAsync("chaos", cancel: cancel).ConfigureAwait(false);
                rig.gateways.Add(gateway);
                rig.stationPort = gateway.BrokerPort;
                return rig;
            }
            catch
            {
                await rig.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        if (run.Gateways < 1)
        {
            throw new ArgumentException("At least one gateway instance.");
        }

        return new ChaosRig(run, FreeTcpPort.Next());
    }

    /// <summary>
    /// Registers the stations (gateway database and, with Mosquitto, broker accounts) and starts whatever is not
    /// running yet: Mosquitto, then gateway 1 (migrates the schema), then the other instances on the same file.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<string> stationIds, Func<string, string> passwordOf, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        ArgumentNullException.ThrowIfNull(passwordOf);
        if (run.Broker == ChaosBroker.Embedded)
        {
            await gateways[0].ProvisionAsync(stationIds, passwordOf, run.AuthIterations).ConfigureAwait(false);
            return;
        }

        var users = stationIds.ToDictionary(id => id, passwordOf, StringComparer.Ordinal);
        users[GatewayUser] = GatewayPassword;
        Mosquitto = await ChaosMosquitto.StartAsync(stationPort, users, GatewayUser, cancel).ConfigureAwait(false);
        var first = await GatewayProcess.StartAsync("chaos-gw1", ExternalSettings(1, null), cancel: cancel).ConfigureAwait(false);
        gateways.Add(first);
        await first.ProvisionAsync(stationIds, passwordOf, run.AuthIterations).ConfigureAwait(false);
        for (var i = 2; i <= run.Gateways; i++)
        {
            gateways.Add(await GatewayProcess.StartAsync("chaos-gw" + i.ToString(CultureInfo.InvariantCulture), ExternalSettings(i, first.DataFolder), cancel: cancel).ConfigureAwait(false));
        }
    }

    /// <summary>The `--Key=value` settings of gateway instance <paramref name="instance"/> (1-based) as Mosquitto's client.</summary>
    List<string> ExternalSettings(int instance, string? sharedDataFolder)
    {
        var settings = new List<string>
        {
            "--Gateway:Broker:Mode=External",
            "--Gateway:Broker:Host=127.0.0.1",
            "--Gateway:Broker:ExternalPort=" + stationPort.ToString(CultureInfo.InvariantCulture),
            "--Gateway:Broker:Username=" + GatewayUser,
            "--Gateway:Broker:Password=" + GatewayPassword,
            "--Gateway:Broker:ClientId=chaos-gw" + instance.ToString(CultureInfo.InvariantCulture),
            "--Gateway:Broker:SharedGroup=" + SharedGroup,

            // One log line per ack published: shows that every instance took a share of the stream (AcksPublished).
            // AckPublisher logs through its BatchWriter's logger; both categories in case it gets its own.
            "--Logging:LogLevel:Stations.Gateway.Ingestion.BatchWriter=Debug",
            "--Logging:LogLevel:Stations.Gateway.Ingestion.AckPublisher=Debug",
        };
        if (sharedDataFolder != null)
        {
            // Overrides GatewayProcess's own data folder (the last value of a key wins): the same SQLite file as gateway 1.
            settings.Add("--Gateway:Storage:DataFolder=" + sharedDataFolder);
            settings.Add("--Gateway:Ratings:MonthlyJobEnabled=false");
        }

        return settings;
    }

    /// <summary>The gateway process that owns the database (read the ledger through it).</summary>
    public GatewayProcess Database => gateways[0];

    /// <summary>
    /// Acks each gateway instance published to stations (Mosquitto only: its AckPublisher logs each at Debug level),
    /// counted in its log; every instance above zero shows that the shared subscription gave each a share.
    /// </summary>
    public IReadOnlyList<long> AcksPublished()
    {
        if (Mosquitto == null)
        {
            return [];
        }

        return gateways.Select(g =>
        {
            var log = Path.Combine(g.DataFolder, "gateway.log");
            return File.Exists(log) ? File.ReadLines(log).LongCount(line => line.Contains("Ack station ", StringComparison.Ordinal)) : 0L;
        }).ToList();
    }

    /// <summary>Starts whatever was left down (the broker first, then every gateway).</summary>
    public async Task EnsureRunningAsync(CancellationToken cancel = default)
    {
        if (Mosquitto is { ProcessId: null } broker)
        {
            await broker.StartAgainAsync(cancel).ConfigureAwait(false);
        }

        foreach (var gateway in gateways.Where(g => g.ProcessId == null))
        {
            await gateway.StartAgainAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Kills every gateway (the instances on the shared file first), then the broker; deletes their folders.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = gateways.Count - 1; i >= 0; i--)
        {
            await gateways[i].DisposeAsync().ConfigureAwait(false);
        }

        if (Mosquitto != null)
        {
            await Mosquitto.DisposeAsync().ConfigureAwait(false);
        }
    }
}
