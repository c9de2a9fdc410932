namespace Stations.Cli.Tests;

/// <summary>
/// `flash` against a stub nanoff: a shell script first on PATH that records its arguments and prints canned output.
/// Nothing inside the CLI is faked; only the external process is.
/// </summary>
[TestClass]
public sealed class FlashCommandTests
{
    internal const string DeployOk = "Deploying image...\nOK\n";

    internal static string Details(string firmwareVersion, string clrVersion = "1.12.0.53") =>
        "HAL build info: nanoCLR running @ ESP32 built with ESP-IDF v5.2\n" +
        "Firmware build Info:\n  Date: Oct 1 2026\n  Type: CLR Debug Build\n  CLR Version: " + clrVersion + "\n" +
        "Target: ESP32_PSRAM_REV3\nDeployment Assemblies:\n" +
        "  mscorlib v1.17.11.0, checksum 0x1C2A0E05\n" +
        "  Stations.Firmware v" + firmwareVersion + ", checksum 0x8F00AA10\n" +
        "  nanoFramework.M2Mqtt v5.1.199.0, checksum 0x0B3AA1E4\n";

    private static Dictionary<string, string> StubNanoff(TempDir dir, string deployOutput, int deployExit, string detailsOutput) =>
        NanoffStub.Write(dir, deployOutput, deployExit, detailsOutput);

    private static string[] Calls(TempDir dir)
    {
        string log = Path.Combine(dir.Path, "nanoff.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    [TestMethod]
    public async Task Verified_flash_deploys_through_nanodevice_and_exits_0()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        string config = Path.Combine(Repo.BoardConfigs, "busy-city-wrover.json");
        var run = await CliRun.Of(env, "flash", "--port", "/dev/ttyUSB0", "--image", image, "--config", config, "--expect", "Stations.Firmware=1.0.0.0", "--expect", "nanoFramework.M2Mqtt=5.1.199.0");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var calls = Calls(dir);
        Assert.AreEqual(3, calls.Length, string.Join("\n", calls));
        Assert.AreEqual($"--nanodevice --deploy --image {image} --serialport /dev/ttyUSB0", calls[0]);
        Assert.AreEqual("--nanodevice --devicedetails --serialport /dev/ttyUSB0", calls[1]);
        StringAssert.StartsWith(calls[2], "--nanodevice --filedeployment ");
        StringAssert.EndsWith(calls[2], "files.json --serialport /dev/ttyUSB0");
        StringAssert.Contains(run.Output, "Verified: the device runs Stations.Firmware 1.0.0.0, nanoFramework.M2Mqtt 5.1.199.0");
        StringAssert.Contains(run.Output, "Uploaded busy-city-wrover.json to I:");
    }

    [TestMethod]
    public async Task Update_flashes_nanoCLR_first_and_the_upload_names_both_files()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0", "1.12.0.53"));
        string image = dir.Write("App.bin", "image");
        string config = Path.Combine(Repo.BoardConfigs, "quiet-suburban-wrover.json");
        string provision = dir.Write("provision.txt", "station.id=fz-cl-0102\nmqtt.password=secret-1\n");
        var run = await CliRun.Of(env, "flash", "--port", "/dev/ttyUSB0", "--image", image, "--update", "--clr-version", "1.12.0.53",
            "--config", config, "--provision", provision, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var calls = Calls(dir);
        Assert.AreEqual("--update --target ESP32_PSRAM_REV3 --serialport /dev/ttyUSB0 --fwversion 1.12.0.53", calls[0]);
        StringAssert.StartsWith(calls[1], "--nanodevice --deploy --image ");
        using var files = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "files.json.copy")));
        Assert.AreEqual("/dev/ttyUSB0", files.RootElement.GetProperty("SerialPort").GetString());
        var uploads = files.RootElement.GetProperty("Files").EnumerateArray()
            .Select(f => f.GetProperty("DestinationFilePath").GetString() + " <- " + f.GetProperty("SourceFilePath").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "I:\\station.json <- " + config, "I:\\provision.txt <- " + provision }, uploads);
    }

    [TestMethod]
    public async Task A_nanoCLR_that_did_not_take_fails_loudly()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0", "1.11.0.0"));
        string image = dir.Write("App.bin", "image");
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--update", "--clr-version", "1.12.0.53", "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "FLASH NOT VERIFIED: nanoCLR 1.12.0.53 is not in the device details");
    }

    [TestMethod]
    public async Task Pins_the_board_cannot_use_are_refused_before_nanoff_runs()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        string config = Path.Combine(Repo.ConfigFixtures, "valid", "busy-city.json");
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--config", config, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "probe1: GPIO 16 drives the PSRAM on the WROVER module");
        Assert.AreEqual(0, Calls(dir).Length);
    }

    [TestMethod]
    public async Task Nanoff_success_whose_device_details_do_not_match_fails_loudly()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("0.9.0.0"));
        string image = dir.Write("App.bin", "image");
        var run = await CliRun.Of(env, "flash", "--port", "/dev/ttyUSB0", "--image", image, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "FLASH NOT VERIFIED: nanoff reported success but the device reports Stations.Firmware 0.9.0.0 (expected 1.0.0.0)");
        Assert.IsFalse(run.Output.Contains("Verified:", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public async Task Assembly_missing_from_the_device_fails()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, "Deployment Assemblies:\n  mscorlib v1.17.11.0\n");
        string image = dir.Write("App.bin", "image");
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "Stations.Firmware is not on the device (expected 1.0.0.0)");
    }

    [TestMethod]
    public async Task Failing_deploy_stops_before_the_read_back()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, "Error E2001: couldn't connect to the device\n", 1, Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Error E2001");
        StringAssert.Contains(run.Error, "nanoff --deploy failed with exit code 1");
        Assert.AreEqual(1, Calls(dir).Length);
    }

    [TestMethod]
    public async Task Invalid_config_is_refused_before_nanoff_runs()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        string config = Path.Combine(Repo.ConfigFixtures, "invalid", "flash-pin.json");
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--config", config, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "flash-pin.json: INVALID");
        Assert.AreEqual(0, Calls(dir).Length);
    }

    [TestMethod]
    public async Task Missing_nanoff_exits_3_with_the_install_command()
    {
        using var dir = new TempDir();
        string image = dir.Write("App.bin", "image");
        var env = new Dictionary<string, string> { ["PATH"] = dir.Path };
        var run = await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--expect", "Stations.Firmware=1.0.0.0");
        Assert.AreEqual(3, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "dotnet tool install -g nanoff");
    }

    [TestMethod]
    public async Task Bad_arguments_exit_2_without_running_nanoff()
    {
        using var dir = new TempDir();
        var env = StubNanoff(dir, DeployOk, 0, Details("1.0.0.0"));
        string image = dir.Write("App.bin", "image");
        Assert.AreEqual(2, (await CliRun.Of(env, "flash", "--port", "COM5", "--image", image)).ExitCode, "no --expect");
        Assert.AreEqual(2, (await CliRun.Of(env, "flash", "--port", "COM5", "--image", image, "--expect", "Stations.Firmware")).ExitCode, "no version");
        Assert.AreEqual(2, (await CliRun.Of(env, "flash", "--port", "COM5", "--image", Path.Combine(dir.Path, "none.bin"), "--expect", "A=1.0")).ExitCode, "no image");
        Assert.AreEqual(2, (await CliRun.Of(env, "flash", "--image", image, "--expect", "A=1.0")).ExitCode, "no port");
        Assert.AreEqual(0, Calls(dir).Length);
    }

    [TestMethod]
    public void Device_details_versions_are_read_in_both_list_styles()
    {
        Assert.AreEqual("1.0.0.0", Commands.DeviceDetails.VersionOf("  Stations.Firmware v1.0.0.0, checksum 0x1", "Stations.Firmware"));
        Assert.AreEqual("1.2.3.4", Commands.DeviceDetails.VersionOf("Stations.Firmware, 1.2.3.4", "Stations.Firmware"));
        Assert.IsNull(Commands.DeviceDetails.VersionOf("Stations.Firmware.Extra v1.0.0.0", "Stations.Firmware"));
    }
}
