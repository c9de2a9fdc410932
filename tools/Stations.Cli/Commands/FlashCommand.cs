using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Stations.Cli.Gateway;
using Stations.Cli.Provisioning;
using Stations.Core.Station;

namespace Stations.Cli.Commands;

/// <summary>
/// `flash`: optionally flash nanoCLR (`--update`), deploy the app through `--nanodevice`, read the device back, upload
/// station.json and provision.txt, then (with --gateway) wait until the station reports the same firmware version and
/// config hash over MQTT; fail loudly at the first step whose result is not what was flashed.
/// </summary>
public static class FlashCommand
{
    /// <summary>Builds the `flash` command.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var port = new Option<string>("--port") { Description = text["FlashPortOption"], Required = true };
        var image = new Option<FileInfo>("--image") { Description = text["FlashImageOption"], Required = true };
        var config = new Option<FileInfo?>("--config") { Description = text["FlashConfigOption"] };
        var expect = new Option<string[]>("--expect") { Description = text["FlashExpectOption"], AllowMultipleArgumentsPerToken = false };
        var nanoff = new Option<FileInfo?>("--nanoff") { Description = text["FlashNanoffOption"] };
        var update = new Option<bool>("--update") { Description = text["FlashUpdateOption"] };
        var target = new Option<string>("--target") { Description = text["FlashTargetOption"], DefaultValueFactory = _ => DefaultTarget };
        var clrVersion = new Option<string?>("--clr-version") { Description = text["FlashClrVersionOption"] };
        var provision = new Option<FileInfo?>("--provision") { Description = text["FlashProvisionOption"] };
        var expectFirmware = new Option<string?>("--expect-fw") { Description = text["FlashExpectFwOption"] };
        var verifyWait = new Option<int>("--verify-wait") { Description = text["FlashVerifyWaitOption"], DefaultValueFactory = _ => 180 };
        var flash = new Command("flash", text["FlashDescription"]) { port, image, config, expect, nanoff, update, target, clrVersion, provision, expectFirmware, verifyWait };
        var gateway = GatewayOptions.AddTo(flash, context, required: false);
        flash.SetAction((parse, cancel) =>
        {
            var steps = new FlashSteps(parse.GetValue(update), parse.GetValue(target)!, parse.GetValue(clrVersion), parse.GetValue(provision),
                parse.GetValue(gateway.Gateway) == null ? null : gateway.Read(parse, context), parse.GetValue(expectFirmware), parse.GetValue(verifyWait));
            return RunAsync(context, parse.GetValue(port)!, parse.GetValue(image)!, parse.GetValue(config),
                parse.GetValue(expect) ?? [], parse.GetValue(nanoff), cancel, steps);
        });
        return flash;
    }

    /// <summary>The nanoFramework target of the station board (ESP32-WROVER-E with PSRAM, hardware/pinmap.md).</summary>
    public const string DefaultTarget = "ESP32_PSRAM_REV3";

    /// <summary>Checks, deploys, reads back, compares; see <see cref="ExitCodes"/> for the outcome.</summary>
    public static async Task<int> RunAsync(CliContext context, string port, FileInfo image, FileInfo? config, string[] expect, FileInfo? nanoffPath, CancellationToken cancel, FlashSteps? steps = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        steps ??= FlashSteps.DeployOnly;
        var text = context.Text;
        // Every check that needs no device runs first, so a bad argument never leaves a half-flashed board.
        var expected = new List<KeyValuePair<string, string>>();
        foreach (string item in expect)
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == item.Length - 1)
            {
                await context.Error.WriteLineAsync(text.Format("FlashExpectFormat", item)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            expected.Add(new(item[..equals].Trim(), item[(equals + 1)..].Trim()));
        }
        if (expected.Count == 0)
        {
            await context.Error.WriteLineAsync(text["FlashNothingToVerify"]).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (!image.Exists)
        {
            await context.Error.WriteLineAsync(text.Format("FileUnreadable", image.FullName, "not found")).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        StationConfig? parsed = null;
        if (config != null)
        {
            byte[]? bytes = ConfigCommands.ReadBytes(context, config);
            if (bytes == null) return ExitCodes.Usage;
            if (!StationConfig.TryParse(bytes, 0, bytes.Length, out parsed, out string message))
            {
                await context.Error.WriteLineAsync(text.Format("ConfigInvalid", config.Name, message)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var pinProblems = WroverPinCheck.Check(parsed);
            if (pinProblems.Count > 0)
            {
                await context.Error.WriteLineAsync(text.Format("ProvisionPinsInvalid", string.Join(Environment.NewLine + "  ", pinProblems))).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }

        if (steps.Provision != null && !steps.Provision.Exists)
        {
            await context.Error.WriteLineAsync(text.Format("FileUnreadable", steps.Provision.FullName, "not found")).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (steps.SignIn != null && parsed == null)
        {
            await context.Error.WriteLineAsync(text["FlashVerifyNeedsConfig"]).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        NanoffRunner? runner = nanoffPath != null
            ? (nanoffPath.Exists ? new NanoffRunner(nanoffPath.FullName) : null)
            : NanoffRunner.Find(context.Environment("PATH"));
        if (runner == null)
        {
            await context.Error.WriteLineAsync(text["NanoffMissing"]).ConfigureAwait(false);
            return ExitCodes.ToolMissing;
        }

        if (steps.UpdateClr)
        {
            // nanoCLR first (stable nanoff options; docs/flashing.md step 2): the app is deployed onto the new runtime.
            var updateArgs = new List<string> { "--update", "--target", steps.Target, "--serialport", port };
            if (steps.ClrVersion != null) updateArgs.AddRange(["--fwversion", steps.ClrVersion]);
            var updated = await runner.RunAsync(updateArgs, context.Output, cancel).ConfigureAwait(false);
            if (updated.ExitCode != 0)
            {
                await context.Error.WriteLineAsync(text.Format("NanoffFailed", "--update", updated.ExitCode)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await context.Output.WriteLineAsync(text.Format("FlashClrUpdated", steps.Target, steps.ClrVersion ?? "latest")).ConfigureAwait(false);
        }

        // --nanodevice: the device names its own deployment address (never --target … --deploy, docs/flashing.md).
        string[] deploy = ["--nanodevice", "--deploy", "--image", image.FullName, "--serialport", port];
        var deployed = await runner.RunAsync(deploy, context.Output, cancel).ConfigureAwait(false);
        if (deployed.ExitCode != 0)
        {
            await context.Error.WriteLineAsync(text.Format("NanoffFailed", "--deploy", deployed.ExitCode)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        await context.Output.WriteLineAsync(text.Format("FlashDeployed", image.Name, port)).ConfigureAwait(false);

        // nanoff's "success" is not proof: the device's own assembly list is.
        string[] details = ["--nanodevice", "--devicedetails", "--serialport", port];
        var readBack = await runner.RunAsync(details, context.Output, cancel).ConfigureAwait(false);
        if (readBack.ExitCode != 0)
        {
            await context.Error.WriteLineAsync(text.Format("NanoffFailed", "--devicedetails", readBack.ExitCode)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        bool verified = true;
        foreach (var (name, version) in expected)
        {
            string? actual = DeviceDetails.VersionOf(readBack.Output, name);
            if (actual == null)
            {
                await context.Error.WriteLineAsync(text.Format("FlashMissingAssembly", name, version)).ConfigureAwait(false);
                verified = false;
            }
            else if (actual != version)
            {
                await context.Error.WriteLineAsync(text.Format("FlashMismatch", name, actual, version)).ConfigureAwait(false);
                verified = false;
            }
        }
        if (steps.ClrVersion != null && !readBack.Output.Contains(steps.ClrVersion, StringComparison.Ordinal))
        {
            await context.Error.WriteLineAsync(text.Format("FlashClrMismatch", steps.ClrVersion)).ConfigureAwait(false);
            verified = false;
        }

        if (!verified) return ExitCodes.Failed;
        await context.Output.WriteLineAsync(text.Format("FlashVerified", string.Join(", ", expected.Select(e => e.Key + " " + e.Value)))).ConfigureAwait(false);

        if (config != null || steps.Provision != null)
        {
            int uploaded = await UploadAsync(context, runner, port, config, steps.Provision, cancel).ConfigureAwait(false);
            if (uploaded != ExitCodes.Ok) return uploaded;
        }

        if (steps.SignIn != null)
            return await CliGuard.RunAsync(context, () => VerifyOverMqttAsync(context, steps, parsed!, cancel)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Uploads station.json and provision.txt to the board's I: drive with nanoff's file deployment (docs/flashing.md step 4).</summary>
    private static async Task<int> UploadAsync(CliContext context, NanoffRunner runner, string port, FileInfo? config, FileInfo? provision, CancellationToken cancel)
    {
        var text = context.Text;
        var files = new List<object>();
        if (config != null) files.Add(new { DestinationFilePath = "I:\\" + StationFiles.ConfigFileName, SourceFilePath = config.FullName });
        if (provision != null) files.Add(new { DestinationFilePath = "I:\\" + StationFiles.ProvisionFileName, SourceFilePath = provision.FullName });
        string folder = Directory.CreateTempSubdirectory("stations-flash-").FullName;
        try
        {
            string list = Path.Combine(folder, "files.json");
            await File.WriteAllTextAsync(list, JsonSerializer.Serialize(new { SerialPort = port, Files = files }), cancel).ConfigureAwait(false);
            var result = await runner.RunAsync(["--nanodevice", "--filedeployment", list, "--serialport", port], context.Output, cancel).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                await context.Error.WriteLineAsync(text.Format("NanoffFailed", "--filedeployment", result.ExitCode)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await context.Output.WriteLineAsync(text.Format("FlashUploaded", string.Join(", ", new[] { config?.Name, provision?.Name }.OfType<string>()))).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Waits until the gateway has heard the station report the flashed config hash (and firmware version); fails loudly with what it reports instead.</summary>
    private static async Task<int> VerifyOverMqttAsync(CliContext context, FlashSteps steps, StationConfig config, CancellationToken cancel)
    {
        var text = context.Text;
        if (steps.VerifyWaitSeconds is < 1 or > 1800)
            throw new CommandFailedException(ExitCodes.Usage, text.Format("FlashVerifyWaitRange", steps.VerifyWaitSeconds));
        using var gateway = await GatewayClient.ConnectAsync(context, steps.SignIn!, cancel).ConfigureAwait(false);
        await context.Output.WriteLineAsync(text.Format("FlashWaitingForStation", config.StationId, steps.VerifyWaitSeconds)).ConfigureAwait(false);
        string path = "api/v1/stations/" + Uri.EscapeDataString(config.StationId) + "/commissioning";
        var deadline = DateTimeOffset.UtcNow.AddSeconds(steps.VerifyWaitSeconds);
        Commissioning reported;
        while (true)
        {
            reported = await gateway.GetAsync<Commissioning>(path, config.StationId, cancel).ConfigureAwait(false);
            bool cfgOk = reported.ConfigHash == config.Hash;
            bool fwOk = steps.ExpectFirmware == null || reported.FirmwareVersion == steps.ExpectFirmware;
            if (reported.Online && cfgOk && fwOk)
            {
                await context.Output.WriteLineAsync(text.Format("FlashStationVerified", config.StationId, reported.FirmwareVersion, reported.ConfigHash)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (DateTimeOffset.UtcNow >= deadline) break;
            // The board reboots and reconnects after the upload: ask again every couple of seconds.
            await Task.Delay(TimeSpan.FromSeconds(2), cancel).ConfigureAwait(false);
        }

        throw new CommandFailedException(ExitCodes.Failed, text.Format("FlashStationMismatch", config.StationId,
            reported.Online ? text["Yes"] : text["No"], reported.FirmwareVersion ?? "-", steps.ExpectFirmware ?? "-", reported.ConfigHash ?? "-", config.Hash));
    }
}

/// <summary>The optional steps of a flash: nanoCLR update, provisioning upload, and the read-back over MQTT through the gateway.</summary>
public sealed record FlashSteps(bool UpdateClr, string Target, string? ClrVersion, FileInfo? Provision, GatewaySignIn? SignIn, string? ExpectFirmware, int VerifyWaitSeconds)
{
    /// <summary>Deploy and verify the assemblies only (and upload --config when given).</summary>
    public static FlashSteps DeployOnly { get; } = new(false, FlashCommand.DefaultTarget, null, null, null, null, 180);
}
