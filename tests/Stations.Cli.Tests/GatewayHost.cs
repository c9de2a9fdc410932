using Stations.Gateway.Testing;
using Stations.Gateway.Web.Auth;

namespace Stations.Cli.Tests;

/// <summary>The real gateway (<see cref="GatewayStarter"/>) on a free port with a fresh SQLite folder, one registered station and an admin API token.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string StationId = "gz-gy-0001";

    readonly RunningGateway gateway;

    private GatewayHost(RunningGateway gateway) => this.gateway = gateway;

    /// <summary>The embedded MQTT broker's port (simulated stations connect here).</summary>
    public int BrokerPort => gateway.BrokerPort;

    public string Token => gateway.AdminToken!;

    public Uri BaseAddress => gateway.BaseAddress;

    public static async Task<GatewayHost> StartAsync() => new(await new GatewayStarter()
        .WithSqlite("cli-gw")
        .WithWeb("Password-123")
        .WithAdminApiToken("cli-tests")
        .WithStation(StationId, "station-secret-1", "贵阳市观山湖区工会驿站")
        .StartAsync());

    /// <summary>Adds a user with <paramref name="role"/> and password Password-123 (for --user/--password sign-ins).</summary>
    public async Task<string> AddUserAsync(string name, string role)
    {
        await Get<UserStore>().CreateAsync(name, name, role, null, "Password-123");
        return name;
    }

    /// <summary>Resolves a gateway service.</summary>
    public T Get<T>() where T : notnull => gateway.Get<T>();

    public ValueTask DisposeAsync() => gateway.DisposeAsync();
}
