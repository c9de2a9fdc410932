using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stations.Gateway;
using Stations.Gateway.Stations;
using Stations.Gateway.Web;
using Stations.Gateway.Web.Auth;
using Stations.Testing;

namespace Stations.Cli.Tests;

/// <summary>The real gateway on a free port with a fresh SQLite folder, one registered station and an admin API token.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string StationId = "gz-gy-0001";

    private GatewayHost(WebApplication app, string folder, string token, int brokerPort)
    {
        App = app;
        Folder = folder;
        Token = token;
        BrokerPort = brokerPort;
    }

    /// <summary>The embedded MQTT broker's port (simulated stations connect here).</summary>
    public int BrokerPort { get; }

    public WebApplication App { get; }

    public string Folder { get; }

    public string Token { get; }

    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<GatewayHost> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stations-cli-gw-" + Guid.NewGuid().ToString("N")[..8]);
        int brokerPort = FreeTcpPort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Storage:Provider"] = "Sqlite",
            ["Gateway:Storage:DataFolder"] = folder,
            ["Gateway:Broker:ListenAddress"] = "127.0.0.1",
            ["Gateway:Broker:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Web:InitialAdminPassword"] = "Password-123",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddGateway();
        builder.AddWeb();
        var app = builder.Build();
        app.MapGateway();
        app.MapWeb();
        await app.StartAsync();
        await app.Services.GetRequiredService<StationRegistry>().RegisterAsync(StationId, "station-secret-1", "贵阳市观山湖区工会驿站");
        var users = app.Services.GetRequiredService<UserStore>();
        string token = await users.CreateApiTokenAsync((await users.FindByNameAsync("admin"))!.UserId, "cli-tests");
        return new GatewayHost(app, folder, token, brokerPort);
    }

    /// <summary>Adds a user with <paramref name="role"/> and password Password-123 (for --user/--password sign-ins).</summary>
    public async Task<string> AddUserAsync(string name, string role)
    {
        await App.Services.GetRequiredService<UserStore>().CreateAsync(name, name, role, null, "Password-123");
        return name;
    }

    /// <summary>Resolves a gateway service.</summary>
    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}
