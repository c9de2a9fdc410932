using Microsoft.AspNetCore.Builder;
using Stations.Gateway.Stations;
using Stations.Gateway.Testing;

namespace Stations.Gateway.Tests.Support;

/// <summary>A real gateway process-in-a-process (<see cref="GatewayStarter"/>) with this project's test defaults.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    readonly RunningGateway gateway;

    GatewayHost(RunningGateway gateway) => this.gateway = gateway;

    /// <summary>The running app.</summary>
    public WebApplication App => gateway.App;

    /// <summary>The services.</summary>
    public IServiceProvider Services => gateway.Services;

    /// <summary>The MQTT port stations connect to (embedded broker).</summary>
    public int MqttPort => gateway.BrokerPort;

    /// <summary>The HTTP base address.</summary>
    public Uri BaseAddress => gateway.BaseAddress;

    /// <summary>A service.</summary>
    public T Get<T>() where T : notnull => gateway.Get<T>();

    /// <summary>A starter with this project's defaults (ingestion batches after 2 ms) and no storage chosen yet.</summary>
    public static GatewayStarter Starter() => new GatewayStarter().With("Gateway:Ingestion:BatchDelayMs", "2");

    /// <summary>A starter with this project's defaults on a fresh SQLite folder or PostgreSQL database.</summary>
    public static GatewayStarter Starter(StorageKind kind, string name) =>
        kind == StorageKind.Postgres ? Starter().WithSharedPostgres(name) : Starter().WithSqlite("gw-" + name);

    /// <summary>Builds and starts a gateway with <paramref name="settings"/> on top of test defaults.</summary>
    public static Task<GatewayHost> StartAsync(IDictionary<string, string?> settings, int? mqttPort = null, TimeProvider? time = null)
    {
        var starter = Starter().WithEmbeddedBroker(mqttPort).With(settings);
        return StartAsync(time == null ? starter : starter.WithTime(time));
    }

    /// <summary>Starts (or restarts) a gateway from <paramref name="starter"/>.</summary>
    public static async Task<GatewayHost> StartAsync(GatewayStarter starter)
    {
        ArgumentNullException.ThrowIfNull(starter);
        return new GatewayHost(await starter.StartAsync());
    }

    /// <summary>Storage settings for a fresh SQLite folder or PostgreSQL database.</summary>
    public static Task<Dictionary<string, string?>> StorageSettingsAsync(StorageKind kind, string name) => Starter(kind, name).StorageSettingsAsync();

    /// <summary>Registers a station with a password.</summary>
    public Task RegisterAsync(string stationId, string password = "secret-password", int openMinute = 0, int closeMinute = 1440) =>
        Get<StationRegistry>().RegisterAsync(stationId, password, scheduleOpenMinute: openMinute, scheduleCloseMinute: closeMinute);

    /// <summary>Stops the gateway and keeps its storage (for a restart).</summary>
    public Task StopAsync() => gateway.StopAsync();

    /// <summary>Stops the gateway (and deletes a SQLite temp folder its starter made).</summary>
    public ValueTask DisposeAsync() => gateway.DisposeAsync();
}
