using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Simulator.Fleet;
using Stations.Simulator.Link;

namespace Stations.Cli.Tests;

/// <summary>`selftest` and the self-test line of `status`: a simulated station (the real Core on a virtual board) answers through the real gateway.</summary>
[TestClass]
public sealed class SelfTestCommandTests
{
    private const string SimStation = "cli-0001";
    private static GatewayHost gateway = null!;
    private static SimulatedFleet fleet = null!;
    private static CancellationTokenSource running = null!;
    private static Task live = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        gateway = await GatewayHost.StartAsync();
        await gateway.Get<StationRegistry>().RegisterAsync(SimStation, StationPasswords.Derive(StationPasswords.DefaultDemoSecret, SimStation), "模拟驿站");
        fleet = new SimulatedFleet(new FleetOptions
        {
            Broker = new BrokerEndpoint("127.0.0.1", gateway.BrokerPort) { ConnectWait = TimeSpan.FromSeconds(5) },
            StationCount = 1,
            IdPrefix = "cli",
            ProfileMix = "quiet:1",
            Seed = 11,
            TickMs = 500,
        }, FirmwareCatalog.Core);
        running = new CancellationTokenSource();
        // Real time: the gateway stamps command expiry with real time, and the station checks it on its own clock.
        live = Task.Run(() => fleet.RunLiveAsync(1, null, running.Token));
        var status = gateway.Get<StationStatusService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await status.FindAsync(SimStation, timeout.Token))?.Online != 1)
            await Task.Delay(50, timeout.Token);
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        await running.CancelAsync();
        await live;
        fleet.Dispose();
        running.Dispose();
        await gateway.DisposeAsync();
    }

    [TestMethod]
    public async Task Self_test_runs_on_the_station_and_its_result_is_kept_on_the_gateway()
    {
        var run = await CliRun.Of("--lang", "en", "selftest", SimStation, "--wait", "60", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);

        Assert.IsTrue(run.ExitCode is 0 or 1, run.ToString());
        foreach (string device in new[] { "door1", "water1", "probe1", "ebike1", "phone1", "store" })
            StringAssert.Contains(run.Output, device, run.ToString());
        var storeLine = run.Output.Split('\n').Single(l => l.Contains(" store ", StringComparison.Ordinal));
        StringAssert.Contains(storeLine, "PASS");
        StringAssert.Contains(storeLine, "wrote and read 16 bytes");
        bool anyFail = run.Output.Contains("FAIL", StringComparison.Ordinal);
        Assert.AreEqual(anyFail ? 1 : 0, run.ExitCode, "exit 1 exactly when an item failed\n" + run);
        StringAssert.Contains(anyFail ? run.Error : run.Output, anyFail ? "SELF-TEST FAILED" : "Self-test passed");

        var status = await CliRun.Of("--lang", "en", "status", SimStation, "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        var line = status.Output.Split('\n').Single(l => l.Contains("Last self-test", StringComparison.Ordinal));
        StringAssert.Contains(line, anyFail ? "FAIL" : "PASS");
        StringAssert.Contains(line, "admin");
        StringAssert.Contains(status.Output, "1.0.0-sim", "the firmware version the station reports");
        var cfgLine = status.Output.Split('\n').Single(l => l.Contains("Config hash (cfg)", StringComparison.Ordinal));
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(cfgLine, "[0-9a-f]{8}"), cfgLine);
    }

    [TestMethod]
    public async Task Flash_is_verified_by_what_the_station_reports_over_MQTT()
    {
        using var dir = new TempDir();
        // A WROVER config for the simulated station with its own device ids, pushed so the station runs it.
        byte[] config = Provisioning.StationTemplate.StandardBoard().Fill(new Provisioning.StationAnswers(SimStation, "模拟驿站", null, null, null, null, ["door1", "water1", "probe1", "ebike1", "phone1"]));
        string configFile = Path.Combine(dir.Path, "station.json");
        File.WriteAllBytes(configFile, config);
        string hash = Stations.Core.Protocol.Crc32.ToHex(Stations.Core.Protocol.Crc32.Compute(config));
        var configs = gateway.Get<StationConfigService>();
        Assert.IsTrue((await configs.SaveAsync(SimStation, config, "test")).Valid);
        Assert.IsNotNull(await configs.PushAsync(SimStation, "test"));
        var status = gateway.Get<StationStatusService>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((await status.FindAsync(SimStation, timeout.Token))?.ConfigHash != hash)
                await Task.Delay(50, timeout.Token);
        }

        var env = NanoffStub.Write(dir, FlashCommandTests.DeployOk, 0, FlashCommandTests.Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        string[] flash = ["flash", "--port", "/dev/ttyUSB0", "--image", image, "--expect", "Stations.Firmware=1.0.0.0", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token];
        var verified = await CliRun.Of(env, [.. flash, "--config", configFile, "--expect-fw", "1.0.0-sim", "--verify-wait", "30"]);
        Assert.AreEqual(0, verified.ExitCode, verified.ToString());
        StringAssert.Contains(verified.Output, "Verified over MQTT: " + SimStation + " runs firmware 1.0.0-sim with config " + hash);

        // The same config with one more byte: another hash, which the station does not run.
        string other = dir.Write("other.json", System.Text.Encoding.UTF8.GetString(config) + " ");
        var mismatch = await CliRun.Of(env, [.. flash, "--config", other, "--verify-wait", "1"]);
        Assert.AreEqual(1, mismatch.ExitCode, mismatch.ToString());
        StringAssert.Contains(mismatch.Error, "FLASH NOT VERIFIED: station " + SimStation + " (online: yes) reports firmware 1.0.0-sim (expected -) and config " + hash);
    }

    [TestMethod]
    public async Task A_station_that_does_not_answer_exits_5()
    {
        await gateway.Get<StationRegistry>().RegisterAsync("cli-9999", "silent-station-1", "不在线的驿站");
        var run = await CliRun.Of("--lang", "en", "selftest", "cli-9999", "--wait", "1", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(5, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "NO ANSWER: station cli-9999 did not answer within 1 s");
    }

    [TestMethod]
    public async Task Unknown_station_exits_1()
    {
        var run = await CliRun.Of("--lang", "en", "selftest", "zz-none-0001", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "Station 'zz-none-0001' does not exist");
    }

    [TestMethod]
    public async Task Wait_out_of_range_exits_2()
    {
        var run = await CliRun.Of("--lang", "en", "selftest", SimStation, "--wait", "0", "--gateway", gateway.BaseAddress.ToString(), "--token", gateway.Token);
        Assert.AreEqual(2, run.ExitCode, run.ToString());
    }
}
