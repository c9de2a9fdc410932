using Stations.Gateway.Ratings;

namespace Stations.Gateway.Web.Ratings;

/// <summary>
/// The awarded star of a page of stations, for the status overview: each station's latest stored monthly star (key
/// columns only), and an on-demand rating of the last 30 days only for the stations never rated monthly — the same
/// star the Stars pages show.
/// </summary>
public sealed class StationStars(StoredRatingStore stored, StationRatings ratings)
{
    /// <summary>Station id → awarded star (0 = 整改 under rectification; null = not rated: too little evidence).</summary>
    public async Task<IReadOnlyDictionary<string, int?>> LatestAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var result = new Dictionary<string, int?>(await stored.LatestStarsAsync(stationIds, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        var neverRated = stationIds.Where(id => !result.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (neverRated.Count > 0)
        {
            foreach (var rating in await ratings.RateAsync(neverRated, cancellationToken).ConfigureAwait(false))
            {
                result[rating.StationId] = rating.AwardedStars;
            }
        }

        return result;
    }
}
