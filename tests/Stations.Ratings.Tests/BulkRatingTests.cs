using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class BulkRatingTests
{
    public const int NationalStationCount = 186_100;

    /// <summary>Every station in China in one call (see RatingBenchmarks in docs/ratings.md); proves it completes, no timing.</summary>
    [TestMethod]
    public void RatesAllNationalStations_InOneCall()
    {
        // A few hundred month templates shared by stations keep the test's own memory small; the engine still does all the work per station.
        var templates = Enumerable.Range(0, 200).Select(RatingPropertyTests.RandomStation).ToArray();
        var stations = Enumerable.Range(0, NationalStationCount).Select(i =>
        {
            var t = templates[i % templates.Length];
            return t with { Profile = t.Profile with { StationId = "S" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) } };
        });

        var stars = new int[7];
        var count = 0;
        foreach (var r in new RatingEngine(Rubric.Default).RateMany(stations))
        {
            stars[(r.AwardedStars ?? -1) + 1]++;
            count++;
        }

        Assert.AreEqual(NationalStationCount, count);
        Assert.AreEqual(NationalStationCount, stars.Sum());
    }
}
