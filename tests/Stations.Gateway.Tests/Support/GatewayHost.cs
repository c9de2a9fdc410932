using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stations.Gateway.Stations;
using Stations.Testing;

namespace Stations.Gateway.Tests.Support;

/// <summary>A real gateway process-in-a-process: Kestrel on a free port, the embedded broker (or an external one), real storage.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    GatewayHost(WebApplication app, int mqttPort)
    {
        App = app;
        MqttPort = mqttPort;
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>The services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The MQTT port stations connect to (embedded broker).</summary>
    public int MqttPort { get; }

    /// <summary>The HTTP base address.</summary>
    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A service.</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Builds and starts a gateway with <paramref name="settings"/> on top of test defaults.</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings, int? mqttPort = null, TimeProvider? time = null)
    {
        var port = mqttPort ?? FreeTcpPort.Next();
        var all = new Dictionary<string, string?>
        {
            ["Gateway:Broker:ListenAddress"] = "127.0.0.1",
            ["Gateway:Broker:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Ingestion:BatchDelayMs"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Configuration.AddInMemoryCollection(all);
        if (time != null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        return new GatewayHost(app, port);
    }

    /// <summary>Storage settings for a fresh SQLite folder or PostgreSQL database.</summary>
    public static async Task<Dictionary<string, string?>> StorageSettingsAsync(StorageKind kind, string name)
    {
        if (kind == StorageKind.Postgres)
        {
            var server = await PostgresServer.SharedAsync();
            return new() { ["Gateway:Storage:Provider"] = "Postgres", ["Gateway:Storage:ConnectionString"] = await server.CreateDatabaseAsync(name) };
        }

        var folder = Path.Combine(Path.GetTempPath(), "stations-gw-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        return new() { ["Gateway:Storage:Provider"] = "Sqlite", ["Gateway:Storage:DataFolder"] = folder };
    }

    /// <summary>Registers a station with a password.</summary>
    public Task RegisterAsync(string stationId, string password = "secret-password", int openMinute = 0, int closeMinute = 1440) =>
        Get<StationRegistry>().RegisterAsync(stationId, password, scheduleOpenMinute: openMinute, scheduleCloseMinute: closeMinute);

    /// <summary>Stops the gateway.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
