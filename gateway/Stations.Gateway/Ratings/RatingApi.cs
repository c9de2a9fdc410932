using System.Globalization;
using Stations.Gateway.Web;
using Stations.Gateway.Web.Api;
using Stations.Gateway.Web.Scope;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Ratings;

/// <summary>/api/v1 for stored ratings (list a month, rate a month on demand) and station profiles (read, edit).</summary>
public static class RatingApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapRatingApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("ratings");

        api.MapGet("/ratings", async Task<IResult> (string? month, HttpContext context, StationScope scope, StoredRatingStore store) =>
        {
            if (!TryMonth(month, out var period))
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.MonthInvalid, month ?? ""));
            }

            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            var stored = await store.ForPeriodAsync(period, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(stored.Values.Where(r => access.Contains(r.StationId)).OrderBy(r => r.StationId, StringComparer.Ordinal)
                .Select(r => new ApiStoredRating(r.StationId, Day(r.Period.From), Day(r.Period.To), r.Score, r.AwardedStars, r.ComputedStars, r.Status.ToString(), r.Movement.ToString(), r.EvidenceSufficient, r.RubricId, r.RubricVersion))
                .ToList());
        });

        api.MapPost("/ratings/runs", async Task<IResult> (string? month, HttpContext context, StationScope scope, MonthlyRatingRunner runner, TimeProvider time) =>
        {
            if (!TryMonth(month, out var period) || period.From.Year < 2000)
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.MonthInvalid, month ?? ""));
            }

            // The runner's own checks, answered here in the request's language (its exception stays the fallback).
            var end = runner.EndOf(period);
            if (end > time.GetUtcNow())
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.MonthNotOver, month!, end.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)));
            }

            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            try
            {
                return Results.Ok(await runner.RateMonthAsync(period.From.Year, period.From.Month, access.UserName, context.RequestAborted).ConfigureAwait(false));
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new ApiError(e.Message, ApiErrors.MonthNotOver.Code));
            }
        }).RequireAuthorization(WebPolicies.Administer);

        api.MapGet("/stations/{id}/profile", async Task<IResult> (string id, HttpContext context, StationScope scope, StationProfileStore profiles) =>
        {
            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            if (!access.Contains(id))
            {
                return Results.NotFound(ApiErrors.Of(context, ApiErrors.StationNotFound, id));
            }

            var p = await profiles.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(p == null ? new ApiStationProfile(0, 0, false, []) : new ApiStationProfile(p.AreaSquareMetres, (int)p.Seats, p.HasAed != 0, p.ServiceCodes));
        });

        api.MapPut("/stations/{id}/profile", async Task<IResult> (string id, ApiStationProfile? body, string? lang, HttpContext context, StationScope scope, StationProfileStore profiles) =>
        {
            var messages = new RatingMessages(lang is null ? CultureInfo.CurrentUICulture : CultureInfo.GetCultureInfo(lang == "en" ? "en" : "zh-CN"));
            if (body == null)
            {
                return Results.BadRequest(ApiErrors.Of(context, ApiErrors.ProfileBodyMissing));
            }

            var access = await scope.ResolveAsync(context.User, context.RequestAborted).ConfigureAwait(false);
            var problems = await profiles.SaveAsync(id, body.AreaSquareMetres, body.Seats, body.HasAed, body.Services ?? [], access.UserName, messages, context.RequestAborted).ConfigureAwait(false);
            return problems.Count == 0
                ? Results.Ok(body with { Services = StationServices.All.Select(s => s.Code).Where((body.Services ?? []).Contains).ToList() })
                : Results.BadRequest(new ApiProfileProblems(string.Join(" ", problems), problems));
        }).RequireAuthorization(WebPolicies.Administer);
    }

    static bool TryMonth(string? month, out RatingPeriod period)
    {
        period = null!;
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return false;
        }

        period = RatingPeriod.Month(first.Year, first.Month);
        return true;
    }

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
