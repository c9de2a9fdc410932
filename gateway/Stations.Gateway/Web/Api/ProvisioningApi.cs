using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Stations.Gateway.Broker;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Commands;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Api;

/// <summary>
/// The technicians' commissioning API (tools/Stations.Cli, docs/cli.md): sign-in with name and password, idempotent
/// station provisioning that hands out MQTT credentials once, the station's commissioning state (firmware, config hash,
/// last self-test) and a self-test that waits for the station's answer.
/// </summary>
public static class ProvisioningApi
{
    /// <summary>Length of a generated station password (URL-safe base64 of 18 random bytes).</summary>
    public const int GeneratedPasswordLength = 24;

    /// <summary>Longest station name a provisioning request may give.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Maps /api/v1/session, /api/v1/provisioning/stations and the commissioning endpoints of a station.</summary>
    public static void MapProvisioningApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Name and password for the CLI: a cookie session like the login page's (lockout rules included).
        app.MapPost("/api/v1/session", async Task<IResult> (ApiSignIn? body, HttpContext context, UserStore users) =>
        {
            if (body == null || string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password))
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.SignInMissing));
            }

            var (outcome, user) = await users.SignInAsync(body.UserName.Trim(), body.Password, context.RequestAborted).ConfigureAwait(false);
            if (outcome != SignInOutcome.Success || user == null)
            {
                var why = outcome switch
                {
                    SignInOutcome.LockedOut => ApiErrors.Of(context, ApiErrors.SignInLockedOut, (int)UserStore.LockoutDuration.TotalMinutes),
                    SignInOutcome.Disabled => ApiErrors.Of(context, ApiErrors.SignInDisabled),
                    _ => ApiErrors.Of(context, ApiErrors.SignInFailed),
                };
                return Results.Json(why, statusCode: StatusCodes.Status401Unauthorized);
            }

            var principal = new ClaimsPrincipal(StationScope.IdentityFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
            return Results.Ok(new ApiSession(user.UserName, user.Role));
        }).AllowAnonymous().WithTags("provisioning");

        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("provisioning");

        api.MapPost("/provisioning/stations", async Task<IResult> (ApiProvisionRequest? body, HttpContext context, StationScope scope, StationRegistry registry,
            RegionStore regions, StationDatabase database, IOptions<BrokerOptions> broker, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            if (!access.CanConfigure)
            {
                return Results.Json(ApiErrors.Of(context, ApiErrors.ProvisionForbidden), statusCode: StatusCodes.Status403Forbidden);
            }

            var problem = Check(context, body);
            if (problem != null)
            {
                return Results.BadRequest(problem);
            }

            var stationId = body!.StationId!;
            long? regionId = null;
            if (!string.IsNullOrWhiteSpace(body.Region))
            {
                var wanted = body.Region.Trim();
                var all = await regions.ListAsync(ct).ConfigureAwait(false);
                var region = all.FirstOrDefault(r => r.RegionId.ToString(System.Globalization.CultureInfo.InvariantCulture) == wanted)
                    ?? all.FirstOrDefault(r => r.Name == wanted || RegionStore.PathOf(all, r.RegionId) == wanted);
                if (region == null)
                {
                    return Results.BadRequest(ApiErrors.Of(context, ApiErrors.RegionUnknown, body.Region, string.Join(", ", all.Take(10).Select(r => r.RegionId + " " + r.Name))));
                }

                regionId = region.RegionId;
            }

            var existing = await registry.FindAsync(stationId, ct).ConfigureAwait(false);
            var name = string.IsNullOrWhiteSpace(body.Name) ? existing?.Name ?? stationId : body.Name.Trim();
            var zone = string.IsNullOrWhiteSpace(body.TimeZone) ? existing?.TimeZone ?? StationTime.DefaultZone : body.TimeZone.Trim();
            var hours = OpeningHoursOf(body);
            var open = hours?.Open ?? existing?.ScheduleOpenMinute ?? OpeningHours.DefaultOpenMinute;
            var close = hours?.Close ?? existing?.ScheduleCloseMinute ?? OpeningHours.DefaultCloseMinute;
            string? password = null;
            string action;
            if (existing == null || body.RotateCredentials)
            {
                password = NewPassword();
                await registry.RegisterAsync(stationId, password, name, zone, open, close, ct).ConfigureAwait(false);
                action = existing == null ? "station.provision" : "station.rotate-credentials";
            }
            else
            {
                // Re-provisioning without --rotate-credentials: name, time zone, opening hours and region only; the password stays.
                await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
                await connection.ExecuteAsync("UPDATE stations SET name = @name, time_zone = @zone, schedule_open_minute = @open, schedule_close_minute = @close WHERE station_id = @id",
                    new { name, zone, open, close, id = stationId }).ConfigureAwait(false);
                registry.Forget(stationId);
                action = "station.reprovision";
            }

            if (regionId is { } placed && (await regions.StationRegionsAsync(ct).ConfigureAwait(false)).GetValueOrDefault(stationId) != placed)
            {
                // Only a move: re-provisioning into the same region keeps the address an administrator entered.
                await regions.PlaceStationAsync(stationId, placed, null, ct).ConfigureAwait(false);
            }

            await using (var connection = await database.OpenAsync(ct).ConfigureAwait(false))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await AuditLog.WriteAsync(new DbSession(connection, transaction), time.GetUtcNow().ToUnixTimeMilliseconds(), access.UserName, action, stationId,
                    $"name={name} tz={zone} hours={OpeningHours.Format(open)}-{OpeningHours.Format(close)} region={regionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}").ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }

            var credentials = password == null ? null : new ApiMqttCredentials(stationId, stationId, password, MqttHost(broker.Value, context), MqttPort(broker.Value), MqttTls(broker.Value));
            var result = new ApiProvisioned(stationId, name, zone, regionId, existing == null, credentials,
                ApiErrors.Text(ApiErrors.Localizer(context), credentials == null ? "Api_ProvisionKeptCredentials" : "Api_ProvisionStoreCredentials"),
                OpeningHours.Format(open), OpeningHours.Format(close));
            return existing == null ? Results.Created($"/api/v1/stations/{stationId}", result) : Results.Ok(result);
        });

        api.MapGet("/stations/{id}/commissioning", async Task<IResult> (string id, HttpContext context, StationScope scope, StationRegistry registry, StationStatusService status,
            StationConfigService configs, StationDatabase database) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var record = access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
            if (record == null)
            {
                return Results.NotFound(ApiErrors.Of(context, ApiErrors.StationNotFound, id));
            }

            var state = await status.FindAsync(id, ct).ConfigureAwait(false);
            var saved = await configs.CurrentAsync(id, ct).ConfigureAwait(false);
            var lastSelfTest = await LastSelfTestAsync(database, id, ct).ConfigureAwait(false);
            return Results.Ok(new ApiCommissioning(id, state?.Online == 1, state?.FirmwareVersion, state?.ConfigHash, state?.Boot, state?.SafeMode == 1,
                saved == null ? null : StationConfigService.HashOf(saved), lastSelfTest == null ? null : ToSelfTest(lastSelfTest)));
        });

        api.MapPost("/stations/{id}/selftest", async Task<IResult> (string id, int? waitSeconds, HttpContext context, StationScope scope, StationRegistry registry, CommandService commands, TimeProvider time) =>
        {
            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var record = access.Contains(id) ? await registry.FindAsync(id, ct).ConfigureAwait(false) : null;
            if (record == null)
            {
                return Results.NotFound(ApiErrors.Of(context, ApiErrors.StationNotFound, id));
            }

            if (!access.CanConfigure)
            {
                return Results.Json(ApiErrors.Of(context, ApiErrors.SelfTestForbidden), statusCode: StatusCodes.Status403Forbidden);
            }

            var wait = TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 60, 0, 300));
            var sent = await commands.SendAsync(id, "selftest", null, wait + TimeSpan.FromSeconds(30), access.UserName, ct).ConfigureAwait(false);
            var answered = await commands.WaitForResultAsync(id, sent.CommandId, wait, ct).ConfigureAwait(false) ?? sent;
            var result = ToSelfTest(answered, time.GetUtcNow().ToUnixTimeMilliseconds());
            return answered.ResultCode == null ? Results.Accepted($"/api/v1/stations/{id}/commands/{sent.CommandId}", result) : Results.Ok(result);
        });
    }

    static ApiError? Check(HttpContext context, ApiProvisionRequest? body)
    {
        if (body == null || string.IsNullOrWhiteSpace(body.StationId))
        {
            return ApiErrors.Of(context, ApiErrors.StationIdMissing);
        }

        if (!StationRegistry.StationIdPattern().IsMatch(body.StationId))
        {
            return ApiErrors.Of(context, ApiErrors.StationIdInvalid, body.StationId);
        }

        if (body.Name?.Length > MaxNameLength)
        {
            return ApiErrors.Of(context, ApiErrors.NameTooLong, MaxNameLength);
        }

        if (!string.IsNullOrWhiteSpace(body.TimeZone))
        {
            try
            {
                _ = TimeZoneInfo.FindSystemTimeZoneById(body.TimeZone.Trim());
            }
            catch (TimeZoneNotFoundException)
            {
                return ApiErrors.Of(context, ApiErrors.TimeZoneUnknown, body.TimeZone);
            }
        }

        var opens = !string.IsNullOrWhiteSpace(body.Opens);
        var closes = !string.IsNullOrWhiteSpace(body.Closes);
        if (opens != closes)
        {
            return opens
                ? ApiErrors.Of(context, ApiErrors.OpeningHoursIncomplete, "opens", "closes")
                : ApiErrors.Of(context, ApiErrors.OpeningHoursIncomplete, "closes", "opens");
        }

        if (opens && !OpeningHours.TryParseMinute(body.Opens, out _))
        {
            return ApiErrors.Of(context, ApiErrors.OpeningHoursInvalid, "opens", body.Opens!);
        }

        if (closes && !OpeningHours.TryParseMinute(body.Closes, out _))
        {
            return ApiErrors.Of(context, ApiErrors.OpeningHoursInvalid, "closes", body.Closes!);
        }

        return null;
    }

    /// <summary>The checked opening and closing minutes of the request, or null when it gives none.</summary>
    static (int Open, int Close)? OpeningHoursOf(ApiProvisionRequest body) =>
        OpeningHours.TryParseMinute(body.Opens, out var open) && OpeningHours.TryParseMinute(body.Closes, out var close) ? (open, close) : null;

    static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    static string MqttHost(BrokerOptions broker, HttpContext context) =>
        broker.Mode == BrokerMode.External && !string.IsNullOrWhiteSpace(broker.Host) ? broker.Host : context.Request.Host.Host;

    static int MqttPort(BrokerOptions broker) =>
        broker.Mode == BrokerMode.External ? broker.ExternalPort : broker.TlsPort > 0 ? broker.TlsPort : broker.Port;

    static bool MqttTls(BrokerOptions broker) =>
        broker.Mode == BrokerMode.External ? broker.UseTls : broker.TlsPort > 0;

    static async Task<CommandRecord?> LastSelfTestAsync(StationDatabase database, string stationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<CommandRecord>(
            "SELECT * FROM commands WHERE station_id = @stationId AND name = 'selftest' AND result_code IS NOT NULL ORDER BY result_at_ms DESC LIMIT 1",
            new { stationId }).ConfigureAwait(false);
    }

    static ApiSelfTest ToSelfTest(CommandRecord c, long nowMs = 0)
    {
        var items = new List<ApiSelfTestItem>();
        if (c.ResultDataJson != null)
        {
            try
            {
                using var data = JsonDocument.Parse(c.ResultDataJson);
                if (data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        items.Add(new ApiSelfTestItem(
                            item.TryGetProperty("dev", out var dev) ? dev.GetString() ?? "" : "",
                            item.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
                            item.TryGetProperty("detail", out var detail) ? detail.GetString() : null));
                    }
                }
            }
            catch (JsonException)
            {
                // A station's data that is not JSON is shown as no items; the code and detail still say what happened.
            }
        }

        bool passed = c.ResultOk == 1 && items.Count > 0 && items.All(i => i.Ok);
        return new ApiSelfTest(c.CommandId, c.RequestedBy, DateTimeOffset.FromUnixTimeMilliseconds(c.RequestedAtMs), c.ResultCode == null ? CommandProgress.Of(c, nowMs) : CommandProgress.Of(c, c.ResultAtMs ?? nowMs),
            passed, c.ResultCode, c.ResultDetail, c.ResultAtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, items);
    }
}
