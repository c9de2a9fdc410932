using System.Text.Json.Nodes;
using Stations.Gateway.Alarms;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Commands;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Api;

/// <summary>The HTTP API under /api/v1: the same data and scopes as the pages, for cookie or API-token callers.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps /api/v1 (OpenAPI document at /openapi/v1.json).</summary>
    public static void MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().RequireAuthorization();
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("stations");

        api.MapGet("/me", async (HttpContext context, StationScope scope) =>
        {
            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            return new ApiMe(access.UserName, access.Role, access.CanOperate, access.SeesAll);
        });

        api.MapGet("/regions", async (RegionStore regions, CancellationToken ct) =>
        {
            var all = await regions.ListAsync(ct).ConfigureAwait(false);
            return all.Select(r => new ApiRegion(r.RegionId, r.ParentId, r.Name, r.UnionOffice, RegionStore.PathOf(all, r.RegionId))).ToList();
        });

        api.MapGet("/stations", async (HttpContext context, StationScope scope, StationStatusService status, RegionStore regions) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var paths = await RegionPathsAsync(regions, ct).ConfigureAwait(false);
            return (await status.ListAsync(ct).ConfigureAwait(false)).Where(s => access.Contains(s.StationId)).Select(s => ToApi(s, paths)).ToList();
        });

        api.MapGet("/stations/{id}", async Task<IResult> (string id, HttpContext context, StationScope scope, StationStatusService status, StationRegistry registry, RegionStore regions) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var station = access.Contains(id) ? await status.FindAsync(id, ct).ConfigureAwait(false) : null;
            if (station == null)
            {
                return NotFound(context, id);
            }

            var record = await registry.FindAsync(id, ct).ConfigureAwait(false);
            var devices = (await status.DevicesAsync(id, ct).ConfigureAwait(false))
                .Select(d => new ApiDevice(d.DeviceId, d.Kind, d.Status, d.Healthy == 1, d.DetailJson, DateTimeOffset.FromUnixTimeMilliseconds(d.StatusSinceMs))).ToList();
            return Results.Ok(new ApiStationDetail(ToApi(station, await RegionPathsAsync(regions, ct).ConfigureAwait(false)), record?.TimeZone ?? StationTime.DefaultZone, devices));
        });

        api.MapGet("/stations/{id}/usage", async Task<IResult> (string id, int? days, HttpContext context, StationScope scope, StationRegistry registry, StationHistory history, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var record = access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
            if (record == null)
            {
                return NotFound(context, id);
            }

            var today = StationTime.LocalDate(time.GetUtcNow(), record.TimeZone);
            var span = Math.Clamp(days ?? 30, 1, 400);
            var usage = await history.DailyUsageAsync(id, today.AddDays(1 - span), today, ct).ConfigureAwait(false);
            return Results.Ok(usage.Select(d => new ApiDailyUsage(d.LocalDate, d.Visits, d.Litres, d.ChargingSessions, d.ChargingWh)).ToList());
        });

        api.MapGet("/alarms", async (string? state, HttpContext context, StationScope scope, AlarmService alarms, StationHistory history, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            IEnumerable<AlarmRecord> list = state == "all"
                ? await history.AlarmsSinceAsync(time.GetUtcNow().AddDays(-30).ToUnixTimeMilliseconds(), 5000, ct).ConfigureAwait(false)
                : await alarms.ListActiveAsync(null, ct).ConfigureAwait(false);
            return list.Where(a => access.Contains(a.StationId)).Select(ToApi).ToList();
        });

        api.MapPost("/alarms/{id:long}/acknowledge", async Task<IResult> (long id, ApiAcknowledge? body, HttpContext context, StationScope scope, AlarmService alarms) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var alarm = await alarms.FindAsync(id, ct).ConfigureAwait(false);
            if (alarm == null || !access.Contains(alarm.StationId))
            {
                return Results.NotFound(ApiErrors.Of(context, ApiErrors.AlarmNotFound, id));
            }

            if (!access.CanOperate)
            {
                return Results.Json(ApiErrors.Of(context, ApiErrors.AcknowledgeReadOnly), statusCode: StatusCodes.Status403Forbidden);
            }

            var note = string.IsNullOrWhiteSpace(body?.Note) ? null : body.Note.Trim();
            if (note?.Length > MaxNoteLength)
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.NoteTooLong, MaxNoteLength));
            }

            return await alarms.AcknowledgeAsync(id, access.UserName, note, ct).ConfigureAwait(false)
                ? Results.Ok(ToApi((await alarms.FindAsync(id, ct).ConfigureAwait(false))!))
                : Results.Conflict(ApiErrors.Of(context, ApiErrors.AlarmAlreadyAcknowledged, id));
        });

        api.MapGet("/stations/{id}/commands", async Task<IResult> (string id, HttpContext context, StationScope scope, CommandService commands, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            if (!access.Contains(id))
            {
                return NotFound(context, id);
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            return Results.Ok((await commands.ListAsync(id, 50, ct).ConfigureAwait(false)).Select(c => ToApi(c, now)).ToList());
        });

        api.MapGet("/stations/{id}/commands/{commandId}", async Task<IResult> (string id, string commandId, HttpContext context, StationScope scope, CommandService commands, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var command = access.Contains(id) ? await commands.FindAsync(id, commandId, ct).ConfigureAwait(false) : null;
            return command == null ? Results.NotFound(ApiErrors.Of(context, ApiErrors.CommandNotFound, commandId, id)) : Results.Ok(ToApi(command, time.GetUtcNow().ToUnixTimeMilliseconds()));
        });

        api.MapPost("/stations/{id}/commands", async Task<IResult> (string id, ApiCommandRequest body, HttpContext context, StationScope scope, StationStatusService status, StationRegistry registry, CommandService commands, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var record = access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
            if (record == null)
            {
                return NotFound(context, id);
            }

            if (!access.CanOperate)
            {
                return Results.Json(ApiErrors.Of(context, ApiErrors.CommandReadOnly), statusCode: StatusCodes.Status403Forbidden);
            }

            if (body == null || !CommandProgress.Offered.TryGetValue(body.Name ?? "", out var kind))
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.UnknownCommand, body?.Name ?? "", string.Join(", ", CommandProgress.Offered.Keys)));
            }

            JsonObject? args = null;
            if (kind != null)
            {
                var devices = await status.DevicesAsync(id, ct).ConfigureAwait(false);
                if (!devices.Any(d => d.DeviceId == body.Dev && d.Kind == kind))
                {
                    return Results.BadRequest(ApiErrors.Of(context, ApiErrors.UnknownDevice, kind, id, body.Dev ?? ""));
                }

                args = new JsonObject { ["dev"] = body.Dev };
                if (body.Name == "dispense.test" && body.Ms is { } ms)
                {
                    args["ms"] = ms;
                }
            }
            else if (body.Name == "config.set")
            {
                if (string.IsNullOrWhiteSpace(record.ConfigJson))
                {
                    return Results.BadRequest(ApiErrors.Of(context, ApiErrors.CommandNoConfig, id));
                }

                args = new JsonObject { ["config"] = JsonNode.Parse(record.ConfigJson) };
            }

            var ttl = TimeSpan.FromSeconds(Math.Clamp(body.TimeToLiveSeconds ?? 600, 10, 86_400));
            var sent = await commands.SendAsync(id, body.Name!, args, ttl, access.UserName, ct).ConfigureAwait(false);
            return Results.Accepted($"/api/v1/stations/{id}/commands/{sent.CommandId}", ToApi(sent, time.GetUtcNow().ToUnixTimeMilliseconds()));
        });
    }

    /// <summary>Longest acknowledgement note (characters).</summary>
    public const int MaxNoteLength = 500;

    static IResult NotFound(HttpContext context, string stationId) =>
        Results.NotFound(ApiErrors.Of(context, ApiErrors.StationNotFound, stationId));

    static async Task<Dictionary<string, string>> RegionPathsAsync(RegionStore regions, CancellationToken ct)
    {
        var all = await regions.ListAsync(ct).ConfigureAwait(false);
        return (await regions.StationRegionsAsync(ct).ConfigureAwait(false)).ToDictionary(p => p.Key, p => RegionStore.PathOf(all, p.Value), StringComparer.Ordinal);
    }

    static ApiStation ToApi(StationStatus s, Dictionary<string, string> paths) =>
        new(s.StationId, s.Name, s.Online == 1, s.IsOpen == 1, s.ActiveAlarms, paths.GetValueOrDefault(s.StationId), s.LastSeenMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(s.LastSeenMs) : null, s.FirmwareVersion);

    static ApiAlarm ToApi(AlarmRecord a) =>
        new(a.Id, a.StationId, a.Code, a.DeviceId, a.Severity, a.State, DateTimeOffset.FromUnixTimeMilliseconds(a.RaisedAtMs), a.AcknowledgedBy, Time(a.AcknowledgedAtMs), a.AckNote, Time(a.ClearedAtMs), a.Detail);

    static ApiCommand ToApi(CommandRecord c, long nowMs) =>
        new(c.CommandId, c.StationId, c.Name, c.ArgsJson, c.RequestedBy, DateTimeOffset.FromUnixTimeMilliseconds(c.RequestedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(c.ExpiresAtMs), CommandProgress.Of(c, nowMs), c.ResultCode, c.ResultDetail, c.ResultDataJson, Time(c.ResultAtMs));

    static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
