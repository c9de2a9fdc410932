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
                return Results.BadRequest(new ApiError("regionId is missing; give the region's id from GET /api/v1/regions."));
            }

            var (period, fmt, culture, error) = UnionReports.Parse(month, from, to, format, lang);
            if (error != null)
            {
                return Results.BadRequest(new ApiError(error));
            }

            var ct = context.RequestAborted;
            var access = await scope.ResolveAsync(context.User, ct).ConfigureAwait(false);
            var file = await reports.BuildAsync(access, OfficeRegion(context.User), regionId.Value, period!, fmt, culture, ct).ConfigureAwait(false);
            return file is null ? Results.NotFound(new ApiError($"Region {regionId} does not exist or is outside your scope; GET /api/v1/regions lists the regions.")) : Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization().WithTags("reports");
    }

    /// <summary>The union office's region id from its claims, if any.</summary>
    public static long? OfficeRegion(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirstValue(StationScope.RegionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
