namespace Stations.Gateway.Web.Ratings;

/// <summary>The awarded star of stations over the last 30 days, for the status overview.</summary>
public sealed class StationStars(StationRatings ratings)
{
    /// <summary>Station id → awarded star (0 = 整改 under rectification; null = not rated: too little evidence).</summary>
    public async Task<IReadOnlyDictionary<string, int?>> LatestAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var rating in await ratings.RateAsync(stationIds, cancellationToken).ConfigureAwait(false))
        {
            result[rating.StationId] = rating.AwardedStars;
        }

        return result;
    }
}
