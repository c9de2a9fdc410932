using System.CommandLine;
using Stations.Core.Station;

namespace Stations.Cli.Commands;

/// <summary>`flash`: deploy through `--nanodevice`, read the device back, and fail loudly when it does not run what was flashed.</summary>
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
        var flash = new Command("flash", text["FlashDescription"]) { port, image, config, expect, nanoff };
        flash.SetAction((parse, cancel) => RunAsync(context, parse.GetValue(port)!, parse.GetValue(image)!, parse.GetValue(config),
            parse.GetValue(expect) ?? [], parse.GetValue(nanoff), cancel));
        return flash;
    }

    /// <summary>Checks, deploys, reads back, compares; see <see cref="ExitCodes"/> for the outcome.</summary>
    public static async Task<int> RunAsync(CliContext context, string port, FileInfo image, FileInfo? config, string[] expect, FileInfo? nanoffPath, CancellationToken cancel)
    {
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
        if (config != null)
        {
            byte[]? bytes = ConfigCommands.ReadBytes(context, config);
            if (bytes == null) return ExitCodes.Usage;
            if (!StationConfig.TryParse(bytes, 0, bytes.Length, out _, out string message))
            {
                await context.Error.WriteLineAsync(text.Format("ConfigInvalid", config.Name, message)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }

        NanoffRunner? runner = nanoffPath != null
            ? (nanoffPath.Exists ? new NanoffRunner(nanoffPath.FullName) : null)
            : NanoffRunner.Find(context.Environment("PATH"));
        if (runner == null)
        {
            await context.Error.WriteLineAsync(text["NanoffMissing"]).ConfigureAwait(false);
            return ExitCodes.ToolMissing;
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
        if (!verified) return ExitCodes.Failed;
        await context.Output.WriteLineAsync(text.Format("FlashVerified", string.Join(", ", expected.Select(e => e.Key + " " + e.Value)))).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
