using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stations.Gateway.Broker;
using Stations.Gateway.Stations;
using Stations.Gateway.Web;
using Stations.Gateway.Web.Auth;
using Stations.Testing;

namespace Stations.Gateway.Testing;

/// <summary>
/// Starts the real gateway in-process for a test or a benchmark: Kestrel on a free loopback port, the embedded broker on
/// an ephemeral port (or a client of an external broker), SQLite in a fresh temp folder or PostgreSQL, optionally the web
/// UI with its initial admin login. Options are set builder-style; <see cref="StartAsync"/> may be called again after the
/// previous gateway stopped to restart on the same storage, broker port and configuration.
/// </summary>
public sealed class GatewayStarter
{
    /// <summary>Longest real wait for the gateway to connect to an external broker.</summary>
    static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(90);

    readonly Dictionary<string, string?> extra = new(StringComparer.OrdinalIgnoreCase);
    readonly List<Action<IServiceCollection>> serviceOverrides = [];
    readonly List<Action<WebApplication>> pipeline = [];
    readonly List<(string Id, string Password, string? Name)> stations = [];
    string environment = "Testing";
    string? sqliteName;
    string? sharedPostgresName;
    string? connectionString;
    ExternalBroker? externalBroker;
    int? brokerPort;
    bool web;
    string? adminPassword;
    string? adminTokenName;
    TimeProvider? time;

    // Resolved on the first start and reused by restarts.
    Dictionary<string, string?>? storageSettings;
    string? dataFolder;
    string? adminToken;
    bool seeded;

    /// <summary>Storage: SQLite in a fresh folder <c>stations-{name}-{random}</c> under the temp path (deleted when the gateway is disposed).</summary>
    public GatewayStarter WithSqlite(string name)
    {
        sqliteName = name;
        sharedPostgresName = null;
        connectionString = null;
        return this;
    }

    /// <summary>Storage: PostgreSQL at <paramref name="postgresConnectionString"/>.</summary>
    public GatewayStarter WithPostgres(string postgresConnectionString)
    {
        connectionString = postgresConnectionString;
        sqliteName = null;
        sharedPostgresName = null;
        return this;
    }

    /// <summary>Storage: a fresh database named after <paramref name="name"/> on the run's shared throwaway PostgreSQL cluster (<see cref="PostgresServer.SharedAsync"/>).</summary>
    public GatewayStarter WithSharedPostgres(string name)
    {
        sharedPostgresName = name;
        sqliteName = null;
        connectionString = null;
        return this;
    }

    /// <summary>The embedded broker on <paramref name="port"/> (default: a free loopback port, chosen once). This is the default broker.</summary>
    public GatewayStarter WithEmbeddedBroker(int? port = null)
    {
        brokerPort = port;
        externalBroker = null;
        return this;
    }

    /// <summary>The gateway as a client of an external broker (e.g. <see cref="MosquittoServer"/>); every start waits until it is connected.</summary>
    public GatewayStarter WithExternalBroker(ExternalBroker broker)
    {
        externalBroker = broker;
        return this;
    }

    /// <summary>The web UI on (with <c>admin</c>'s initial password) or off (the default: gateway and HTTP API only).</summary>
    public GatewayStarter WithWeb(string initialAdminPassword)
    {
        web = true;
        adminPassword = initialAdminPassword;
        return this;
    }

    /// <summary>After the first start, creates an API token for <c>admin</c> named <paramref name="name"/> (<see cref="RunningGateway.AdminToken"/>); needs <see cref="WithWeb"/>.</summary>
    public GatewayStarter WithAdminApiToken(string name)
    {
        adminTokenName = name;
        return this;
    }

    /// <summary>After the first start, registers a station with an MQTT password (and a display name).</summary>
    public GatewayStarter WithStation(string stationId, string password, string? name = null)
    {
        stations.Add((stationId, password, name));
        return this;
    }

    /// <summary>The gateway's clock (registered before the gateway's own services, so it replaces the system clock).</summary>
    public GatewayStarter WithTime(TimeProvider timeProvider)
    {
        time = timeProvider;
        return this;
    }

    /// <summary>One configuration value; applied last, so it overrides anything the starter sets.</summary>
    public GatewayStarter With(string key, string? value)
    {
        extra[key] = value;
        return this;
    }

    /// <summary>Configuration values; applied last, so they override anything the starter sets.</summary>
    public GatewayStarter With(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            extra[key] = value;
        }

        return this;
    }

    /// <summary>Service overrides, applied after the gateway (and web) services are registered.</summary>
    public GatewayStarter WithServices(Action<IServiceCollection> overrides)
    {
        serviceOverrides.Add(overrides);
        return this;
    }

    /// <summary>Middleware added to the built app before the gateway's endpoints are mapped (e.g. a timing middleware).</summary>
    public GatewayStarter WithPipeline(Action<WebApplication> configure)
    {
        pipeline.Add(configure);
        return this;
    }

    /// <summary>The hosting environment name (default <c>Testing</c>; benchmarks use <c>Production</c>).</summary>
    public GatewayStarter InEnvironment(string environmentName)
    {
        environment = environmentName;
        return this;
    }

    /// <summary>The storage settings alone (SQLite folder or PostgreSQL database, made on the first call and then reused).</summary>
    public async Task<Dictionary<string, string?>> StorageSettingsAsync()
    {
        if (storageSettings == null)
        {
            if (sharedPostgresName != null)
            {
                var server = await PostgresServer.SharedAsync().ConfigureAwait(false);
                connectionString = await server.CreateDatabaseAsync(sharedPostgresName).ConfigureAwait(false);
                sharedPostgresName = null;
            }

            if (connectionString != null)
            {
                storageSettings = new() { ["Gateway:Storage:Provider"] = "Postgres", ["Gateway:Storage:ConnectionString"] = connectionString };
            }
            else if (sqliteName != null)
            {
                dataFolder = Path.Combine(Path.GetTempPath(), "stations-" + sqliteName + "-" + Guid.NewGuid().ToString("N")[..8]);
                storageSettings = new() { ["Gateway:Storage:Provider"] = "Sqlite", ["Gateway:Storage:DataFolder"] = dataFolder };
            }
            else
            {
                // No storage chosen: the configuration values (With) must name it.
                storageSettings = [];
            }
        }

        return new(storageSettings);
    }

    /// <summary>Builds and starts the gateway, then (on the first start) registers the stations and creates the admin token.</summary>
    public async Task<RunningGateway> StartAsync()
    {
        var settings = await ConfigurationAsync().ConfigureAwait(false);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Configuration.AddInMemoryCollection(settings);
        if (time != null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddGateway();
        if (web)
        {
            builder.AddWeb();
        }

        foreach (var overrides in serviceOverrides)
        {
            overrides(builder.Services);
        }

        var app = builder.Build();
        foreach (var configure in pipeline)
        {
            configure(app);
        }

        app.MapGateway();
        if (web)
        {
            app.MapWeb();
        }

        var gateway = new RunningGateway(app, brokerPort!.Value, dataFolder);
        var started = false;
        try
        {
            await app.StartAsync().ConfigureAwait(false);
            started = true;
            if (externalBroker != null)
            {
                await WaitForBrokerAsync(gateway.Get<IStationLink>()).ConfigureAwait(false);
            }

            if (!seeded)
            {
                await SeedAsync(gateway).ConfigureAwait(false);
                seeded = true;
            }
        }
        catch
        {
            await (started ? gateway.StopAsync() : gateway.AbandonAsync()).ConfigureAwait(false);
            throw;
        }

        gateway.AdminToken = adminToken;
        return gateway;
    }

    async Task<Dictionary<string, string?>> ConfigurationAsync()
    {
        brokerPort ??= FreeTcpPort.Next();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Gateway:Broker:ListenAddress"] = "127.0.0.1",
            ["Gateway:Broker:Port"] = brokerPort.Value.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in await StorageSettingsAsync().ConfigureAwait(false))
        {
            settings[key] = value;
        }

        if (externalBroker != null)
        {
            settings["Gateway:Broker:Mode"] = "External";
            settings["Gateway:Broker:Host"] = externalBroker.Host;
            settings["Gateway:Broker:ExternalPort"] = externalBroker.Port.ToString(CultureInfo.InvariantCulture);
            settings["Gateway:Broker:Username"] = externalBroker.Username;
            settings["Gateway:Broker:Password"] = externalBroker.Password;
            settings["Gateway:Broker:ClientId"] = externalBroker.ClientId;
            settings["Gateway:Broker:SharedGroup"] = externalBroker.SharedGroup;
        }

        if (adminPassword != null)
        {
            settings["Web:InitialAdminPassword"] = adminPassword;
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    async Task SeedAsync(RunningGateway gateway)
    {
        var registry = gateway.Get<StationRegistry>();
        foreach (var (id, password, name) in stations)
        {
            await registry.RegisterAsync(id, password, name).ConfigureAwait(false);
        }

        if (adminTokenName != null)
        {
            var users = gateway.Get<UserStore>();
            var admin = await users.FindByNameAsync("admin").ConfigureAwait(false) ?? throw new InvalidOperationException("No admin user: call WithWeb first.");
            adminToken = await users.CreateApiTokenAsync(admin.UserId, adminTokenName).ConfigureAwait(false);
        }
    }

    /// <summary>Polls the link (it has no change signal) until it is connected, within <see cref="ConnectLimit"/>.</summary>
    static async Task WaitForBrokerAsync(IStationLink link)
    {
        var deadline = DateTime.UtcNow + ConnectLimit;
        while (!link.IsConnected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for the gateway to connect to the external broker.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
