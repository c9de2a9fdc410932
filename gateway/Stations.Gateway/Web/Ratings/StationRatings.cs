using Stations.Gateway.Ratings;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Reports;
using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Ratings;

/// <summary>
/// Each station's current rating: its latest stored monthly rating (the official one), or, for a station never rated by
/// the monthly job, a rating of the last 30 days made on demand with its region's rubric, as the monthly job would use
/// (hysteresis still reads stored months).
/// </summary>
public sealed class StationRatings(StationRatingInputs inputs, StoredRatingStore stored, RubricStore rubrics, TimeProvider time)
{
    /// <summary>The built-in rubric (a region may choose another; each rating names the one it used).</summary>
    public Rubric Rubric => Rubric.Default;

    /// <summary>The last 30 complete local days (ending yesterday).</summary>
    public RatingPeriod LastThirtyDays()
    {
        var yesterday = StationTime.LocalDate(time.GetUtcNow(), StationTime.DefaultZone).AddDays(-1);
        return RatingPeriod.Between(yesterday.AddDays(-29), yesterday);
    }

    /// <summary>Each listed station's latest stored rating, or its on-demand rating of <see cref="LastThirtyDays"/> (stations no longer registered are skipped).</summary>
    public async Task<IReadOnlyList<RatingResult>> RateAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(stationIds, cancellationToken).ConfigureAwait(false)).Select(c => c.Rating).ToList();

    /// <summary>Like <see cref="RateAsync"/>, saying for each rating whether it is stored or made on demand.</summary>
    public async Task<IReadOnlyList<CurrentRating>> CurrentAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var latest = await stored.LatestAsync(stationIds, cancellationToken).ConfigureAwait(false);
        var wanted = new HashSet<string>(stationIds.Where(id => !latest.ContainsKey(id)), StringComparer.Ordinal);
        var onDemand = new Dictionary<string, RatingResult>(StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            var data = await inputs.LoadAsync(wanted, LastThirtyDays(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var rate = await RegionRubricRating.ForStationsAsync(rubrics, cancellationToken).ConfigureAwait(false);
            foreach (var d in data)
            {
                onDemand[d.Profile.StationId] = rate(d);
            }
        }

        // Keep the caller's order.
        var result = new List<CurrentRating>(stationIds.Count);
        foreach (var id in stationIds)
        {
            if (latest.TryGetValue(id, out var s))
            {
                result.Add(new CurrentRating(s, Stored: true));
            }
            else if (onDemand.TryGetValue(id, out var r))
            {
                result.Add(new CurrentRating(r, Stored: false));
            }
        }

        return result;
    }
}
