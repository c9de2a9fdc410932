namespace Stations.Cli.Tests;

/// <summary>`status` against the real gateway's HTTP API.</summary>
[TestClass]
public sealed class StatusCommandTests
{
    private static GatewayHost gateway = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _) => gateway = await GatewayHost.StartAsync();

    [ClassCleanup]
    public static async Task Stop() => await gateway.DisposeAsync();

    [TestMethod]
    public async Task Known_station_prints_what_the_gateway_knows()
    {
        var run = await CliRun.Of("--lang", "en", "status", GatewayHost.StationId, "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, GatewayHost.StationId + " 贵阳市观山湖区工会驿站");
        StringAssert.Contains(run.Output, "Online");
        StringAssert.Contains(run.Output, "Config hash (cfg)");
        StringAssert.Contains(run.Output, "none yet (run `stations selftest`)");
    }

    [TestMethod]
    public async Task Token_from_the_environment_is_used()
    {
        var env = new Dictionary<string, string> { ["STATIONS_TOKEN"] = gateway.Token };
        var run = await CliRun.Of(env, "status", GatewayHost.StationId, "--gateway", gateway.BaseAddress.ToString());
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "在线");
    }

    [TestMethod]
    public async Task Unknown_station_exits_1()
    {
        var run = await CliRun.Of("--lang", "en", "status", "zz-none-0001", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "Station 'zz-none-0001' does not exist");
    }

    [TestMethod]
    public async Task Refused_token_exits_4()
    {
        var run = await CliRun.Of("--lang", "en", "status", GatewayHost.StationId, "--gateway", gateway.BaseAddress.ToString(), "--token", "st_not-a-token");
        Assert.AreEqual(4, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "refused the token");
    }

    [TestMethod]
    public async Task Missing_token_exits_2()
    {
        var run = await CliRun.Of("--lang", "en", "status", GatewayHost.StationId, "--gateway", gateway.BaseAddress.ToString());
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "No sign-in");
    }

    [TestMethod]
    public async Task Bad_gateway_url_exits_2()
    {
        var run = await CliRun.Of("--lang", "en", "status", GatewayHost.StationId, "--gateway", "gateway.example", "--token", "st_x");
        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--gateway 'gateway.example': give an absolute URL");
    }
}
