using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Ratings;

/// <summary>Rates each station with the rubric its region chose (one engine per rubric), as the monthly run and on-demand ratings do.</summary>
public static class RegionRubricRating
{
    /// <summary>A rating function that picks each station's rubric from <paramref name="rubrics"/>' current region choices.</summary>
    public static async Task<Func<StationPeriodData, RatingResult>> ForStationsAsync(RubricStore rubrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rubrics);
        var rubricOf = await rubrics.ForStationsAsync(cancellationToken).ConfigureAwait(false);
        var engines = new Dictionary<Rubric, RatingEngine>(ReferenceEqualityComparer.Instance);
        return data =>
        {
            var rubric = rubricOf(data.Profile.StationId);
            if (!engines.TryGetValue(rubric, out var engine))
            {
                engine = new RatingEngine(rubric);
                engines[rubric] = engine;
            }

            return engine.Rate(data);
        };
    }
}
