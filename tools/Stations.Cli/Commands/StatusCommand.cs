using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

namespace Stations.Cli.Commands;

/// <summary>`status`: what the gateway knows about one station, from its HTTP API (/api/v1, API-token auth).</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Builds the `status` command.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var station = new Argument<string>("station") { Description = text["StatusStationArgument"] };
        var gateway = new Option<string>("--gateway") { Description = text["StatusGatewayOption"], Required = true };
        var token = new Option<string?>("--token") { Description = text["StatusTokenOption"] };
        var status = new Command("status", text["StatusDescription"]) { station, gateway, token };
        status.SetAction((parse, cancel) => RunAsync(context, parse.GetValue(station)!, parse.GetValue(gateway)!,
            parse.GetValue(token) ?? context.Environment("STATIONS_TOKEN"), cancel));
        return status;
    }

    /// <summary>Asks the gateway and prints a table; see <see cref="ExitCodes"/>.</summary>
    public static async Task<int> RunAsync(CliContext context, string stationId, string gatewayUrl, string? token, CancellationToken cancel)
    {
        var text = context.Text;
        if (string.IsNullOrWhiteSpace(token))
        {
            await context.Error.WriteLineAsync(text["StatusNoToken"]).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        // A base address without a trailing slash would drop its last path segment when joined with "api/v1/…".
        if (!Uri.TryCreate(gatewayUrl.EndsWith('/') ? gatewayUrl : gatewayUrl + "/", UriKind.Absolute, out Uri? gateway)
            || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
        {
            await context.Error.WriteLineAsync(text.Format("StatusBadGateway", gatewayUrl)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        try
        {
            using var response = await http.GetAsync(new Uri("api/v1/stations/" + Uri.EscapeDataString(stationId), UriKind.Relative), cancel).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                await context.Error.WriteLineAsync(text.Format("StatusNotFound", stationId)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                await context.Error.WriteLineAsync(text.Format("StatusUnauthorized", (int)response.StatusCode)).ConfigureAwait(false);
                return ExitCodes.GatewayError;
            }
            if (!response.IsSuccessStatusCode)
            {
                await context.Error.WriteLineAsync(text.Format("StatusGatewayFailed", (int)response.StatusCode)).ConfigureAwait(false);
                return ExitCodes.GatewayError;
            }
            var detail = (await response.Content.ReadFromJsonAsync<StationDetail>(Json, cancel).ConfigureAwait(false))!;
            var alarms = await http.GetFromJsonAsync<List<Alarm>>(new Uri("api/v1/alarms", UriKind.Relative), Json, cancel).ConfigureAwait(false) ?? [];
            Print(context, detail, alarms.Where(a => a.StationId == stationId).ToList());
            return ExitCodes.Ok;
        }
        catch (HttpRequestException ex)
        {
            await context.Error.WriteLineAsync(text.Format("StatusUnreachable", gateway, ex.Message)).ConfigureAwait(false);
            return ExitCodes.GatewayError;
        }
    }

    private static void Print(CliContext context, StationDetail detail, List<Alarm> alarms)
    {
        var text = context.Text;
        var s = detail.Station;
        var table = new Table().AddColumn(text["StatusField"]).AddColumn(text["StatusValue"]);
        void Row(string name, string? value) => table.AddRow(Markup.Escape(text[name]), Markup.Escape(value ?? "-"));
        Row("StatusStation", s.StationId + " " + s.Name);
        Row("StatusOnline", s.Online ? text["Yes"] : text["No"]);
        Row("StatusLastSeen", s.LastSeen?.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        Row("StatusFirmware", s.FirmwareVersion);
        Row("StatusConfigHash", text["StatusNotInApi"]);
        Row("StatusRegion", s.Region);
        Row("StatusAlarms", s.ActiveAlarms.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (alarms.Count == 0 ? "" : " (" + string.Join(", ", alarms.Select(a => a.Code + "/" + a.DeviceId)) + ")"));
        Row("StatusDevices", string.Join(", ", detail.Devices.Select(d => d.DeviceId + " " + d.Status + (d.Healthy ? "" : " !"))));
        PlainConsole.For(context.Output).Write(table);
    }

    private sealed record Station(string StationId, string Name, bool Online, bool Open, long ActiveAlarms, string? Region, DateTimeOffset? LastSeen, string? FirmwareVersion);

    private sealed record Device(string DeviceId, string Kind, string Status, bool Healthy);

    private sealed record StationDetail(Station Station, string TimeZone, List<Device> Devices);

    private sealed record Alarm(long Id, string StationId, string Code, string DeviceId, string Severity, string State);
}
