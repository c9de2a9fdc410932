using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Reports;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Ratings;

/// <summary>Rates stations on demand with the default rubric, from the gateway's daily rollups and alarms.</summary>
public sealed class StationRatings(StationRatingInputs inputs, TimeProvider time)
{
    readonly RatingEngine engine = new(Rubric.Default);

    /// <summary>The rubric applied.</summary>
    public Rubric Rubric => engine.Rubric;

    /// <summary>The last 30 complete local days (ending yesterday).</summary>
    public RatingPeriod LastThirtyDays()
    {
        var yesterday = StationTime.LocalDate(time.GetUtcNow(), StationTime.DefaultZone).AddDays(-1);
        return RatingPeriod.Between(yesterday.AddDays(-29), yesterday);
    }

    /// <summary>Rates each listed station over <see cref="LastThirtyDays"/> (stations no longer registered are skipped).</summary>
    public async Task<IReadOnlyList<RatingResult>> RateAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var wanted = new HashSet<string>(stationIds, StringComparer.Ordinal);
        var data = await inputs.LoadAsync(p => wanted.Contains(p.StationId), LastThirtyDays(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        // Keep the caller's order.
        var byId = data.ToDictionary(d => d.Profile.StationId, StringComparer.Ordinal);
        return stationIds.Where(byId.ContainsKey).Select(id => engine.Rate(byId[id])).ToList();
    }
}
