using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;

namespace Stations.Ratings.Delivery;

/// <summary>Ratings already stored for a period (the monthly job's): reports use them instead of rating again.</summary>
public interface IStoredRatings
{
    /// <summary>Station id → its stored rating for exactly <paramref name="period"/> (empty when the period was never stored).</summary>
    Task<IReadOnlyDictionary<string, RatingResult>> ForPeriodAsync(RatingPeriod period, CancellationToken cancellationToken);
}
