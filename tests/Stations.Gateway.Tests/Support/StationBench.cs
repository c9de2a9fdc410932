using Dapper;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Testing;

namespace Stations.Gateway.Tests.Support;

/// <summary>One test's world: storage, optionally Mosquitto, a gateway, and helpers to connect stations and query the store.</summary>
public sealed class StationBench : IAsyncDisposable
{
    public const string GatewayUser = "gateway";
    public const string GatewayPassword = "gateway-password";
    public const string StationPassword = "secret-password";

    readonly GatewayStarter starter;
    readonly List<TestStation> stations = [];

    StationBench(GatewayStarter starter, MosquittoServer? mosquitto)
    {
        this.starter = starter;
        Mosquitto = mosquitto;
    }

    public GatewayHost Gateway { get; private set; } = null!;

    public MosquittoServer? Mosquitto { get; }

    /// <summary>The port stations connect to: Mosquitto's, or the embedded broker's.</summary>
    public int StationPort => Mosquitto?.Port ?? Gateway.MqttPort;

    public static async Task<StationBench> StartAsync(StorageKind storage, bool mosquitto, string name, string[] stationIds, IDictionary<string, string?>? extra = null)
    {
        var starter = GatewayHost.Starter(storage, name);
        MosquittoServer? broker = null;
        if (mosquitto)
        {
            var users = stationIds.ToDictionary(s => s, _ => StationPassword);
            users[GatewayUser] = GatewayPassword;
            broker = await MosquittoServer.StartAsync(users, GatewayUser);
            starter.WithExternalBroker(new ExternalBroker("127.0.0.1", broker.Port, GatewayUser, GatewayPassword, "gw-" + name, "g" + Guid.NewGuid().ToString("N")[..8]));
        }

        foreach (var id in stationIds)
        {
            starter.WithStation(id, StationPassword);
        }

        var bench = new StationBench(starter.With(extra ?? new Dictionary<string, string?>()), broker);
        await bench.StartGatewayAsync();
        return bench;
    }

    /// <summary>Starts (or restarts) the gateway on the same storage and port (through Mosquitto: once it is connected).</summary>
    public async Task StartGatewayAsync() => Gateway = await GatewayHost.StartAsync(starter);

    /// <summary>Stops the gateway (stations stay connected to Mosquitto; with the embedded broker they are cut off).</summary>
    public async Task StopGatewayAsync() => await Gateway.StopAsync();

    public async Task<TestStation> ConnectAsync(string stationId)
    {
        var station = await TestStation.ConnectAsync(stationId, StationPort);
        stations.Add(station);
        return station;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Gateway.Get<StationDatabase>().OpenAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Gateway.Get<StationDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>Polls a store condition (the store has no change signal) until it holds or 20 s pass.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var station in stations)
        {
            await station.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        if (Mosquitto != null)
        {
            await Mosquitto.DisposeAsync();
        }
    }
}
