using System.Text.Json;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Api;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Config;

/// <summary>
/// /api/v1/stations/{id}/config: read (administrators, technicians, managers of the station), save and push
/// (administrators and technicians). Union offices have no access to station configs.
/// </summary>
public static class ConfigApiEndpoints
{
    /// <summary>Maps the config endpoints under /api/v1.</summary>
    public static void MapConfigApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/stations/{id}/config").RequireAuthorization().WithTags("stations");

        api.MapGet("", async Task<IResult> (string id, HttpContext context, StationScope scope, StationRegistry registry, StationConfigService configs, StationStatusService status) =>
        {
            var ct = context.RequestAborted;
            var refusal = await RefuseAsync(id, context, scope, registry, write: false).ConfigureAwait(false);
            return refusal ?? Results.Ok(await DescribeAsync(id, configs, status, ct).ConfigureAwait(false));
        });

        api.MapPut("", async Task<IResult> (string id, HttpContext context, StationScope scope, StationRegistry registry, StationConfigService configs, StationStatusService status) =>
        {
            var ct = context.RequestAborted;
            var refusal = await RefuseAsync(id, context, scope, registry, write: true).ConfigureAwait(false);
            if (refusal != null)
            {
                return refusal;
            }

            // The body's own bytes go to the validator, so its message is exactly the station's (English in every
            // language, as the station answers config.set; the code says what kind of error it is).
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, ct).ConfigureAwait(false);
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var check = await configs.SaveAsync(id, body.ToArray(), access.UserName, ct).ConfigureAwait(false);
            return check.Valid
                ? Results.Ok(await DescribeAsync(id, configs, status, ct).ConfigureAwait(false))
                : Results.BadRequest(new ApiError(check.Error!, ApiErrors.ConfigInvalidCode));
        });

        api.MapPost("/push", async Task<IResult> (string id, HttpContext context, StationScope scope, StationRegistry registry, StationConfigService configs) =>
        {
            var ct = context.RequestAborted;
            var refusal = await RefuseAsync(id, context, scope, registry, write: true).ConfigureAwait(false);
            if (refusal != null)
            {
                return refusal;
            }

            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var sent = await configs.PushAsync(id, access.UserName, ct).ConfigureAwait(false);
            if (sent == null)
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.PushNoConfig, id));
            }

            var hash = StationConfigService.HashOf((await configs.CurrentAsync(id, ct).ConfigureAwait(false))!);
            var location = $"/api/v1/stations/{id}/commands/{sent.CommandId}";
            return Results.Accepted(location, new ApiStationConfigPush(sent.CommandId, hash, location));
        });
    }

    static async Task<IResult?> RefuseAsync(string id, HttpContext context, StationScope scope, StationRegistry registry, bool write)
    {
        var ct = context.RequestAborted;
        var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
        if (!access.Contains(id) || await registry.FindAsync(id, ct).ConfigureAwait(false) == null)
        {
            return Results.NotFound(ApiErrors.Of(context, ApiErrors.StationNotFound, id));
        }

        if (access.Role == WebRoles.UnionOffice)
        {
            return Results.Json(ApiErrors.Of(context, ApiErrors.ConfigNoAccess), statusCode: StatusCodes.Status403Forbidden);
        }

        if (write && !access.CanConfigure)
        {
            return Results.Json(ApiErrors.Of(context, ApiErrors.ConfigReadOnly), statusCode: StatusCodes.Status403Forbidden);
        }

        return null;
    }

    static async Task<ApiStationConfig> DescribeAsync(string id, StationConfigService configs, StationStatusService status, CancellationToken ct)
    {
        var current = await configs.CurrentAsync(id, ct).ConfigureAwait(false);
        var hash = current == null ? null : StationConfigService.HashOf(current);
        var reported = (await status.FindAsync(id, ct).ConfigureAwait(false))?.ConfigHash;
        var versions = (await configs.HistoryAsync(id, 20, ct).ConfigureAwait(false))
            .Select(v => new ApiStationConfigVersion(v.VersionId, v.ConfigHash, v.SavedBy, DateTimeOffset.FromUnixTimeMilliseconds(v.SavedAtMs)))
            .ToList();
        using var document = current == null ? null : JsonDocument.Parse(current);
        return new ApiStationConfig(id, document?.RootElement.Clone(), hash, reported, hash != null && hash == reported, versions);
    }
}
