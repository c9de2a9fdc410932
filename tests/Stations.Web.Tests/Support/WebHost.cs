using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Testing;
using Stations.Gateway.Web;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Live;
using Stations.Gateway.Web.Regions;

namespace Stations.Web.Tests.Support;

/// <summary>
/// The real gateway with its web UI on a free Kestrel port (for a real browser), the embedded broker on another, and a
/// fresh SQLite folder, seeded with: 贵州省 → 贵阳市 → 南明区 (st-nm-01, st-nm-02) / 云岩区 (st-yy-01), and one user per role.
/// </summary>
public sealed class WebHost : IAsyncDisposable
{
    /// <summary>Every test user's password.</summary>
    public const string Password = "Password-123";

    /// <summary>Every test station's MQTT password.</summary>
    public const string StationPassword = "station-secret-1";

    readonly RunningGateway gateway;

    WebHost(RunningGateway gateway) => this.gateway = gateway;

    /// <summary>The embedded broker's port.</summary>
    public int MqttPort => gateway.BrokerPort;

    /// <summary>The SQLite folder.</summary>
    public string Folder => gateway.DataFolder!;

    /// <summary>The HTTP base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => gateway.BaseAddress;

    /// <summary>API tokens by user name.</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>A service.</summary>
    public T Get<T>() where T : notnull => gateway.Get<T>();

    /// <summary>Starts and seeds a gateway.</summary>
    public static async Task<WebHost> StartAsync()
    {
        var starter = new GatewayStarter()
            .WithSqlite("web")
            .WithWeb(Password)
            .With("Gateway:Ingestion:BatchDelayMs", "2");
        LiveStreams.Interval = TimeSpan.FromMilliseconds(300);
        var host = new WebHost(await starter.StartAsync());
        await host.SeedAsync();
        return host;
    }

    async Task SeedAsync()
    {
        var regions = Get<RegionStore>();
        var province = await regions.CreateAsync("贵州省", "贵州省总工会", null);
        var city = await regions.CreateAsync("贵阳市", "贵阳市总工会", province);
        var nanming = await regions.CreateAsync("南明区", "南明区总工会", city);
        var yunyan = await regions.CreateAsync("云岩区", "云岩区总工会", city);
        var registry = Get<StationRegistry>();
        foreach (var (id, name, region) in new[] { ("st-nm-01", "南明区中华南路工会驿站", nanming), ("st-nm-02", "南明区花果园工会驿站", nanming), ("st-yy-01", "云岩区北京路工会驿站", yunyan) })
        {
            await registry.RegisterAsync(id, StationPassword, name);
            await regions.PlaceStationAsync(id, region, null);
        }

        var users = Get<UserStore>();
        var ids = new Dictionary<string, long>
        {
            ["admin"] = (await users.FindByNameAsync("admin"))!.UserId,
            ["tech"] = await users.CreateAsync("tech", "技术员", WebRoles.Technician, null, Password),
            ["manager"] = await users.CreateAsync("manager", "站长 李梅", WebRoles.StationManager, null, Password),
            ["union-nm"] = await users.CreateAsync("union-nm", "南明区总工会", WebRoles.UnionOffice, nanming, Password),
            ["union-gy"] = await users.CreateAsync("union-gy", "贵阳市总工会", WebRoles.UnionOffice, city, Password),
        };
        await users.AssignStationsAsync(ids["manager"], ["st-nm-01"]);
        foreach (var (name, id) in ids)
        {
            Tokens[name] = await users.CreateApiTokenAsync(id, "tests");
        }
    }

    /// <summary>Waits until the gateway has stored the station's devices and <paramref name="alarms"/> active alarms.</summary>
    public async Task WaitForStationAsync(string stationId, int alarms = 0)
    {
        var status = Get<StationStatusService>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var station = await status.FindAsync(stationId, cts.Token);
            var devices = await status.DevicesAsync(stationId, cts.Token);
            if (station is { Online: 1 } && devices.Count > 0 && station.ActiveAlarms >= alarms)
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => gateway.DisposeAsync();
}
