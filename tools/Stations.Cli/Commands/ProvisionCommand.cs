using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Spectre.Console;
using Stations.Cli.Gateway;
using Stations.Cli.Provisioning;
using Stations.Core.Station;

namespace Stations.Cli.Commands;

/// <summary>
/// `provision`: registers the station with the gateway (idempotent; MQTT credentials are issued once, or again only with
/// --rotate-credentials), writes its config from a template and the answers (checked by the station's validator and the
/// board's pin rules before anything is sent), writes provision.txt when credentials were issued, and saves the config
/// on the gateway. Re-running with the same answers changes nothing.
/// </summary>
public static class ProvisionCommand
{
    /// <summary>Builds the `provision` command.</summary>
    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var station = new Argument<string>("station") { Description = text["StatusStationArgument"] };
        var name = new Option<string?>("--name") { Description = text["ProvisionNameOption"] };
        var zone = new Option<string?>("--time-zone") { Description = text["ProvisionTimeZoneOption"] };
        var offset = new Option<int?>("--utc-offset") { Description = text["ProvisionUtcOffsetOption"] };
        var region = new Option<string?>("--region") { Description = text["ProvisionRegionOption"] };
        var attended = new Option<bool?>("--attended") { Description = text["ProvisionAttendedOption"] };
        var hours = new Option<string?>("--hours") { Description = text["ProvisionHoursOption"] };
        var opens = new Option<string?>("--opens") { Description = text["ProvisionOpensOption"] };
        var closes = new Option<string?>("--closes") { Description = text["ProvisionClosesOption"] };
        var devices = new Option<string?>("--devices") { Description = text["ProvisionDevicesOption"] };
        var template = new Option<FileInfo?>("--template") { Description = text["ProvisionTemplateOption"] };
        var output = new Option<DirectoryInfo?>("--out") { Description = text["ProvisionOutOption"] };
        var rotate = new Option<bool>("--rotate-credentials") { Description = text["ProvisionRotateOption"] };
        var mqttHost = new Option<string?>("--mqtt-host") { Description = text["ProvisionMqttHostOption"] };
        var wifiSsid = new Option<string?>("--wifi-ssid") { Description = text["ProvisionWifiSsidOption"] };
        var wifiPassword = new Option<string?>("--wifi-password") { Description = text["ProvisionWifiPasswordOption"] };
        var noInput = new Option<bool>("--no-input") { Description = text["ProvisionNoInputOption"] };
        var command = new Command("provision", text["ProvisionDescription"])
        {
            station, name, zone, offset, region, attended, hours, opens, closes, devices, template, output, rotate, mqttHost, wifiSsid, wifiPassword, noInput,
        };
        var gateway = GatewayOptions.AddTo(command, context);
        command.SetAction((parse, cancel) =>
        {
            string id = parse.GetValue(station)!;
            var request = new ProvisionRequest(
                new StationAnswers(id, parse.GetValue(name), parse.GetValue(zone), parse.GetValue(offset), parse.GetValue(attended), parse.GetValue(hours),
                    parse.GetValue(devices)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                parse.GetValue(region), parse.GetValue(template), parse.GetValue(output) ?? new DirectoryInfo(id), parse.GetValue(rotate),
                parse.GetValue(mqttHost), parse.GetValue(wifiSsid), parse.GetValue(wifiPassword), !parse.GetValue(noInput), parse.GetValue(opens), parse.GetValue(closes));
            return RunAsync(context, request, gateway.Read(parse, context), cancel);
        });
        return command;
    }

    /// <summary>Provisions; see <see cref="ExitCodes"/>.</summary>
    public static Task<int> RunAsync(CliContext context, ProvisionRequest request, GatewaySignIn signIn, CancellationToken cancel) => CliGuard.RunAsync(context, async () =>
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = context.Text;
        CheckScheduledHours(context, request.Opens, request.Closes);
        var template = LoadTemplate(context, request.Template);
        var answers = Ask(context, request, template);
        // One daily window given to the board (--hours 07:00-21:00) is also the gateway's schedule unless --opens/--closes say otherwise.
        var (opens, closes) = Given(request.Opens) is { } givenOpens ? (givenOpens, Given(request.Closes)) : ScheduledHours.DailyWindow(answers.Hours);

        // Everything that needs no gateway is checked first: a wrong answer never registers a half-made station.
        byte[] config;
        try
        {
            config = template.Fill(answers);
        }
        catch (ArgumentException ex)
        {
            throw new CommandFailedException(ExitCodes.Usage, ex.Message);
        }

        if (!StationConfig.TryParse(config, 0, config.Length, out StationConfig parsed, out string invalid))
            throw new CommandFailedException(ExitCodes.Failed, text.Format("ConfigInvalid", StationFiles.ConfigFileName, invalid));
        var pinProblems = WroverPinCheck.Check(parsed);
        if (pinProblems.Count > 0)
            throw new CommandFailedException(ExitCodes.Failed, text.Format("ProvisionPinsInvalid", string.Join(Environment.NewLine + "  ", pinProblems)));

        using var gateway = await GatewayClient.ConnectAsync(context, signIn, cancel).ConfigureAwait(false);
        string folder = request.Output.FullName;
        string configPath = Path.Combine(folder, StationFiles.ConfigFileName);
        string provisionPath = Path.Combine(folder, StationFiles.ProvisionFileName);
        try
        {
            Directory.CreateDirectory(folder);
            StationFiles.WriteAtomically(configPath, config, secret: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(ExitCodes.Usage, text.Format("FileUnwritable", folder, ex.Message));
        }

        using var response = await gateway.SendAsync(HttpMethod.Post, "api/v1/provisioning/stations",
            new
            {
                stationId = answers.StationId, name = parsed.Name, timeZone = parsed.TimeZone, region = request.Region, rotateCredentials = request.RotateCredentials,
                opens, closes,
            }, cancel).ConfigureAwait(false);
        await gateway.EnsureAsync(response, null, cancel).ConfigureAwait(false);
        var provisioned = (await response.Content.ReadFromJsonAsync<Provisioned>(GatewayClient.Json, cancel).ConfigureAwait(false))!;

        string credentials;
        if (provisioned.Credentials is { } mqtt)
        {
            // Written straight away: the gateway shows this password once.
            StationFiles.WriteAtomically(provisionPath, StationFiles.ProvisionText(answers.StationId, mqtt.Password, request.MqttHost ?? mqtt.Host, mqtt.Port, mqtt.Tls, request.WifiSsid, request.WifiPassword), secret: true);
            credentials = text.Format(provisioned.Created ? "ProvisionCredentialsNew" : "ProvisionCredentialsRotated", provisionPath);
        }
        else if (StationFiles.ProvisionedStation(provisionPath) == answers.StationId)
        {
            credentials = text.Format("ProvisionCredentialsKept", provisionPath);
        }
        else
        {
            throw new CommandFailedException(ExitCodes.Failed, text.Format("ProvisionCredentialsMissing", answers.StationId, provisionPath));
        }

        // The gateway keeps the same config the board gets, so `status` can say whether the board runs it.
        using (var content = new ByteArrayContent(config))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var saved = await gateway.SendAsync(HttpMethod.Put, "api/v1/stations/" + Uri.EscapeDataString(answers.StationId) + "/config", null, cancel, content).ConfigureAwait(false);
            await gateway.EnsureAsync(saved, answers.StationId, cancel).ConfigureAwait(false);
        }

        var table = new Table().AddColumn(text["StatusField"]).AddColumn(text["StatusValue"]);
        void Row(string label, string value) => table.AddRow(Markup.Escape(text[label]), Markup.Escape(value));
        Row("StatusStation", provisioned.StationId + " " + provisioned.Name);
        Row("ProvisionGatewayRecord", text[provisioned.Created ? "ProvisionCreated" : "ProvisionExisting"] + ", " + provisioned.TimeZone
            + (provisioned.RegionId is { } r ? ", region " + r : ""));
        Row("ProvisionScheduledHours", ScheduledHoursText(text, provisioned, opens != null));
        Row("ProvisionConfigFile", configPath + " (cfg " + parsed.Hash + ", " + string.Join(" ", Devices(parsed)) + ")");
        Row("ProvisionCredentials", credentials);
        PlainConsole.For(context.Output).Write(table);
        if (provisioned.Credentials != null && request.WifiSsid == null)
            await context.Output.WriteLineAsync(text.Format("ProvisionFillWifi", provisionPath)).ConfigureAwait(false);
        await context.Output.WriteLineAsync(text.Format("ProvisionDone", answers.StationId, parsed.Hash)).ConfigureAwait(false);
        return ExitCodes.Ok;
    });

    /// <summary>--opens and --closes come together, each HH:mm from 00:00 to 24:00 (what the gateway accepts).</summary>
    private static void CheckScheduledHours(CliContext context, string? opens, string? closes)
    {
        var text = context.Text;
        bool hasOpens = !string.IsNullOrWhiteSpace(opens), hasCloses = !string.IsNullOrWhiteSpace(closes);
        if (hasOpens != hasCloses)
            throw new CommandFailedException(ExitCodes.Usage, hasOpens ? text.Format("ProvisionHoursIncomplete", "--opens", "--closes") : text.Format("ProvisionHoursIncomplete", "--closes", "--opens"));
        if (hasOpens && !ScheduledHours.IsTime(opens))
            throw new CommandFailedException(ExitCodes.Usage, text.Format("ProvisionTimeInvalid", "--opens", opens!.Trim()));
        if (hasCloses && !ScheduledHours.IsTime(closes))
            throw new CommandFailedException(ExitCodes.Usage, text.Format("ProvisionTimeInvalid", "--closes", closes!.Trim()));
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>"07:00–21:00", marked when overnight, or when the station runs on the all-day default because no hours were given.</summary>
    private static string ScheduledHoursText(Localization.CliText text, Provisioned provisioned, bool given)
    {
        if (provisioned.Opens == null || provisioned.Closes == null) return "—";
        string range = provisioned.Opens + "–" + provisioned.Closes;
        if (ScheduledHours.Overnight(provisioned.Opens, provisioned.Closes)) return text.Format("ProvisionHoursOvernight", range);
        if (!given && provisioned.Opens == "00:00" && provisioned.Closes == "24:00") return text.Format("ProvisionHoursAllDay", range);
        return range;
    }

    private static StationTemplate LoadTemplate(CliContext context, FileInfo? file)
    {
        if (file == null) return StationTemplate.StandardBoard();
        byte[]? bytes = ConfigCommands.ReadBytes(context, file);
        if (bytes == null) throw new CommandFailedException(ExitCodes.Usage, context.Text.Format("ProvisionTemplateUnreadable", file.FullName));
        return StationTemplate.Parse(bytes, out string? error) ?? throw new CommandFailedException(ExitCodes.Usage, context.Text.Format("NotJson", file.Name, error));
    }

    /// <summary>The answers, asking on the console for what was not given (only when someone is there and --no-input is absent).</summary>
    private static StationAnswers Ask(CliContext context, ProvisionRequest request, StationTemplate template)
    {
        var answers = request.Answers;
        var console = request.MayAsk ? context.Prompts : null;
        if (console == null) return answers;
        var text = context.Text;
        string? name = answers.Name ?? console.Prompt(new TextPrompt<string>(text["ProvisionAskName"]).DefaultValue(answers.StationId));
        IReadOnlyCollection<string>? devices = answers.Devices;
        if (devices == null)
        {
            var ids = template.DeviceIds();
            var prompt = new MultiSelectionPrompt<string>().Title(text["ProvisionAskDevices"]).AddChoices(ids);
            foreach (string id in ids) prompt.Select(id);
            devices = console.Prompt(prompt);
        }

        string? hours = answers.Hours ?? console.Prompt(new TextPrompt<string>(text["ProvisionAskHours"]).DefaultValue("24h"));
        return answers with { Name = name, Devices = devices, Hours = hours };
    }

    private static IEnumerable<string> Devices(StationConfig c)
    {
        if (c.Sign != null) yield return c.Sign.Id;
        if (c.Beam != null) yield return c.Beam.Id;
        foreach (var d in c.Doors) yield return d.Id;
        foreach (var d in c.Dispensers) yield return d.Id;
        foreach (var p in c.Probes) yield return p.Id;
        foreach (var h in c.Hvac) yield return h.Id;
        foreach (var o in c.Outlets) yield return o.Id;
    }

    private sealed record Credentials(string ClientId, string UserName, string Password, string Host, int Port, bool Tls);

    private sealed record Provisioned(string StationId, string Name, string TimeZone, long? RegionId, bool Created, Credentials? Credentials, string Note, string? Opens, string? Closes);
}

/// <summary>Everything `provision` was asked to do; <paramref name="Opens"/>/<paramref name="Closes"/> the gateway's scheduled hours (HH:mm), both or neither.</summary>
public sealed record ProvisionRequest(StationAnswers Answers, string? Region, FileInfo? Template, DirectoryInfo Output, bool RotateCredentials,
    string? MqttHost, string? WifiSsid, string? WifiPassword, bool MayAsk, string? Opens = null, string? Closes = null);
