using Stations.Ratings.Delivery;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;

namespace Stations.Gateway.Web.Reports;

/// <summary>The Ratings library's data source over the gateway's storage, optionally limited to the stations a person may see.</summary>
public sealed class GatewayRatingSource(StationRatingInputs inputs, TimeProvider time, Func<string, bool>? stationFilter = null) : IRatingDataSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<StationPeriodData>> LoadAsync(RegionScope scope, RatingPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(period);
        // Open alarms of a past period are measured to its end, not to today.
        var periodEnd = new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var now = time.GetUtcNow();
        var asOf = periodEnd < now ? periodEnd : now;
        return inputs.LoadAsync(p => scope.Contains(p) && (stationFilter == null || stationFilter(p.StationId)), period, asOf, cancellationToken);
    }
}
