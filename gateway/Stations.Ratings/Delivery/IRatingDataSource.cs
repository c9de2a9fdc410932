using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;

namespace Stations.Ratings.Delivery;

/// <summary>Where ratings get their inputs: the gateway implements it over its storage (profiles, daily rollups, alarms, trips, earlier ratings).</summary>
public interface IRatingDataSource
{
    /// <summary>Every station in <paramref name="scope"/> with its rollups, faults and rating history for <paramref name="period"/>.</summary>
    Task<IReadOnlyList<StationPeriodData>> LoadAsync(RegionScope scope, RatingPeriod period, CancellationToken cancellationToken);
}
