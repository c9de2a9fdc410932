using System.Globalization;
using System.Security.Claims;
using Stations.Gateway.Web.Api;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Reports;

/// <summary>GET /api/v1/reports: a union report file for a region in scope.</summary>
public static class ReportEndpoints
{
    /// <summary>Maps the report download under /api/v1.</summary>
    public static void MapReportApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/reports", async Task<IResult> (long? regionId, string? month, string? from, string? to, string? format, string? lang, HttpContext context, StationScope scope, UnionReports reports) =>
        {
            if (regionId is null)
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.RegionIdMissing));
            }

            // The pages' checks, with the API's own words (they name the query parameters) in the request's language.
            var text = new ApiErrors.ApiTextLocalizer(ApiErrors.Localizer(context));
            var (period, fmt, culture, error) = UnionReports.Parse(month, from, to, format, lang, text);
            if (error != null)
            {
                return Results.BadRequest(new ApiError(error, text.Last?.Code));
            }

            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var file = await reports.BuildAsync(access, OfficeRegion(context.User), regionId.Value, period!, fmt, culture, ct).ConfigureAwait(false);
            return file is null ? Results.NotFound(ApiErrors.Of(context, ApiErrors.RegionNotFound, regionId.Value)) : Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization().WithTags("reports");
    }

    /// <summary>The union office's region id from its claims, if any.</summary>
    public static long? OfficeRegion(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirstValue(StationScope.RegionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
