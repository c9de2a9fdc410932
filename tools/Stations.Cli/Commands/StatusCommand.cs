using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Stations.Cli.Gateway;

namespace Stations.Cli.Commands;

/// <summary>`status`: what the gateway knows of a station, through its HTTP API (/api/v1, token or password sign-in).</summary>
public static class StatusCommand
{
    /// <summary>Builds the `status` command.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var station = new Argument<string>("station") { Description = text["StatusStationArgument"] };
        var status = new Command("status", text["StatusDescription"]) { station };
        var gateway = GatewayOptions.AddTo(status, context);
        status.SetAction((parse, cancel) => RunAsync(context, parse.GetValue(station)!, gateway.Read(parse, context), cancel));
        return status;
    }

    /// <summary>Asks the gateway and prints a table; see <see cref="ExitCodes"/>.</summary>
    public static Task<int> RunAsync(CliContext context, string stationId, GatewaySignIn signIn, CancellationToken cancel) => CliGuard.RunAsync(context, async () =>
    {
        using var gateway = await GatewayClient.ConnectAsync(context, signIn, cancel).ConfigureAwait(false);
        string station = Uri.EscapeDataString(stationId);
        var detail = await gateway.GetAsync<StationDetail>("api/v1/stations/" + station, stationId, cancel).ConfigureAwait(false);
        var commissioning = await gateway.GetAsync<Commissioning>("api/v1/stations/" + station + "/commissioning", stationId, cancel).ConfigureAwait(false);
        var alarms = await gateway.GetAsync<List<Alarm>>("api/v1/alarms", null, cancel).ConfigureAwait(false);
        Print(context, detail, commissioning, alarms.Where(a => a.StationId == stationId).ToList());
        return ExitCodes.Ok;
    });

    private static void Print(CliContext context, StationDetail detail, Commissioning c, List<Alarm> alarms)
    {
        var text = context.Text;
        var s = detail.Station;
        var table = new Table().AddColumn(text["StatusField"]).AddColumn(text["StatusValue"]);
        void Row(string name, string? value) => table.AddRow(Markup.Escape(text[name]), Markup.Escape(value ?? "-"));
        Row("StatusStation", s.StationId + " " + s.Name);
        Row("StatusOnline", s.Online ? text["Yes"] : text["No"]);
        Row("StatusLastSeen", s.LastSeen?.ToString("u", CultureInfo.InvariantCulture));
        Row("StatusFirmware", c.FirmwareVersion);
        Row("StatusConfigHash", c.ConfigHash);
        Row("StatusSavedConfigHash", c.SavedConfigHash == null ? null
            : c.SavedConfigHash + " (" + (c.SavedConfigHash == c.ConfigHash ? text["StatusInSync"] : text["StatusNotInSync"]) + ")");
        Row("StatusBoot", c.Boot + (c.SafeMode ? " " + text["StatusSafeMode"] : ""));
        Row("StatusRegion", s.Region);
        Row("StatusAlarms", s.ActiveAlarms.ToString(CultureInfo.InvariantCulture)
            + (alarms.Count == 0 ? "" : " (" + string.Join(", ", alarms.Select(a => a.Code + "/" + a.DeviceId)) + ")"));
        Row("StatusDevices", string.Join(", ", detail.Devices.Select(d => d.DeviceId + " " + d.Status + (d.Healthy ? "" : " !"))));
        var test = c.LastSelfTest;
        Row("StatusLastSelfTest", test == null ? text["StatusNoSelfTest"]
            : (test.Passed ? text["SelfTestPass"] : text["SelfTestFail"]) + " " + (test.ResultAt ?? test.RequestedAt).ToString("u", CultureInfo.InvariantCulture)
              + " " + test.RequestedBy + " (" + test.Items.Count(i => i.Ok) + "/" + test.Items.Count + ")");
        PlainConsole.For(context.Output).Write(table);
    }

    private sealed record Station(string StationId, string Name, bool Online, bool Open, long ActiveAlarms, string? Region, DateTimeOffset? LastSeen, string? FirmwareVersion);

    private sealed record Device(string DeviceId, string Kind, string Status, bool Healthy);

    private sealed record StationDetail(Station Station, string TimeZone, List<Device> Devices);

    private sealed record Alarm(long Id, string StationId, string Code, string DeviceId, string Severity, string State);
}

/// <summary>GET /api/v1/stations/{id}/commissioning: reported firmware and config hash, the saved config's hash, the last self-test.</summary>
public sealed record Commissioning(string StationId, bool Online, string? FirmwareVersion, string? ConfigHash, string? Boot, bool SafeMode, string? SavedConfigHash, SelfTestReport? LastSelfTest);

/// <summary>A self-test as the gateway stores it (the `selftest` command and the station's answer).</summary>
public sealed record SelfTestReport(string CommandId, string RequestedBy, DateTimeOffset RequestedAt, string Progress, bool Passed, string? ResultCode, string? ResultDetail, DateTimeOffset? ResultAt, List<SelfTestLine> Items);

/// <summary>One line of a self-test.</summary>
public sealed record SelfTestLine(string Device, bool Ok, string? Detail);
