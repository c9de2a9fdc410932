using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Spectre.Console;
using Stations.Cli.Gateway;

namespace Stations.Cli.Commands;

/// <summary>
/// `selftest`: asks the station, through the gateway, to run its self-test (each relay clicked briefly, inputs and
/// probes read, the flash store written and read back), waits for the answer and prints a pass/fail table. The gateway
/// keeps the result with the station's commands; `status` shows the last one.
/// </summary>
public static class SelfTestCommand
{
    /// <summary>Builds the `selftest` command.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var station = new Argument<string>("station") { Description = text["StatusStationArgument"] };
        var wait = new Option<int>("--wait") { Description = text["SelfTestWaitOption"], DefaultValueFactory = _ => 60 };
        var command = new Command("selftest", text["SelfTestDescription"]) { station, wait };
        var gateway = GatewayOptions.AddTo(command, context);
        command.SetAction((parse, cancel) => RunAsync(context, parse.GetValue(station)!, parse.GetValue(wait), gateway.Read(parse, context), cancel));
        return command;
    }

    /// <summary>Runs the self-test and prints it; see <see cref="ExitCodes"/>.</summary>
    public static Task<int> RunAsync(CliContext context, string stationId, int waitSeconds, GatewaySignIn signIn, CancellationToken cancel) => CliGuard.RunAsync(context, async () =>
    {
        var text = context.Text;
        if (waitSeconds is < 1 or > 300)
            throw new CommandFailedException(ExitCodes.Usage, text.Format("SelfTestWaitRange", waitSeconds));
        using var gateway = await GatewayClient.ConnectAsync(context, signIn, cancel).ConfigureAwait(false);
        await context.Output.WriteLineAsync(text.Format("SelfTestWaiting", stationId, waitSeconds)).ConfigureAwait(false);
        string path = "api/v1/stations/" + Uri.EscapeDataString(stationId) + "/selftest?waitSeconds=" + waitSeconds.ToString(CultureInfo.InvariantCulture);
        using var response = await gateway.SendAsync(HttpMethod.Post, path, null, cancel).ConfigureAwait(false);
        await gateway.EnsureAsync(response, stationId, cancel).ConfigureAwait(false);
        var report = (await response.Content.ReadFromJsonAsync<SelfTestReport>(GatewayClient.Json, cancel).ConfigureAwait(false))!;
        if (response.StatusCode == HttpStatusCode.Accepted || report.ResultCode == null)
            throw new CommandFailedException(ExitCodes.NoAnswer, text.Format("SelfTestNoAnswer", stationId, waitSeconds, report.CommandId));
        if (report.ResultCode == "expired")
            throw new CommandFailedException(ExitCodes.NoAnswer, text.Format("SelfTestExpired", stationId, report.CommandId));

        var table = new Table().AddColumn(text["SelfTestDevice"]).AddColumn(text["SelfTestResult"]).AddColumn(text["SelfTestDetail"]);
        foreach (var item in report.Items)
            table.AddRow(Markup.Escape(item.Device), item.Ok ? text["SelfTestPass"] : text["SelfTestFail"], Markup.Escape(item.Detail ?? ""));
        PlainConsole.For(context.Output).Write(table);
        if (report.Items.Count == 0)
            throw new CommandFailedException(ExitCodes.Failed, text.Format("SelfTestNoItems", report.ResultCode, report.ResultDetail));
        int failed = report.Items.Count(i => !i.Ok);
        if (failed > 0 || !report.Passed)
            throw new CommandFailedException(ExitCodes.Failed, text.Format("SelfTestFailed", failed, report.Items.Count, report.CommandId));
        await context.Output.WriteLineAsync(text.Format("SelfTestPassed", report.Items.Count, report.CommandId)).ConfigureAwait(false);
        return ExitCodes.Ok;
    });
}
