namespace Stations.Gateway.Web.Ratings;

/// <summary>The latest awarded star of stations, for the status overview.</summary>
public sealed class StationStars
{
    /// <summary>Station id → awarded star (0 = 整改 under rectification; missing = not rated).</summary>
    public Task<IReadOnlyDictionary<string, int?>> LatestAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int?>>(new Dictionary<string, int?>(StringComparer.Ordinal));
}
