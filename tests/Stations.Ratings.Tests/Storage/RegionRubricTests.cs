using System.Text;
using Dapper;
using Stations.Gateway.Ratings;
using Stations.Gateway.Web.Reports;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests.Storage;

/// <summary>Each station is rated with its region's chosen rubric (inherited by lower regions), stored with it, and re-scored with the uploaded version.</summary>
[TestClass]
public sealed class RegionRubricTests
{
    // 1 May 2026 04:00 in Beijing: April is over; the on-demand window is 1-30 April.
    private static readonly DateTimeOffset May1 = new(2026, 4, 30, 20, 0, 0, TimeSpan.Zero);

    /// <summary>The default rubric with another id and star thresholds only a near-perfect station reaches.</summary>
    private static byte[] StrictRubric()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rubrics", "default-v1.json"))
            .Replace("\"id\": \"default\"", "\"id\": \"strict\"", StringComparison.Ordinal)
            .Replace("{ \"stars\": 5, \"minScore\": 85 }", "{ \"stars\": 5, \"minScore\": 99.8 }", StringComparison.Ordinal)
            .Replace("{ \"stars\": 4, \"minScore\": 72 }", "{ \"stars\": 4, \"minScore\": 99.6 }", StringComparison.Ordinal)
            .Replace("{ \"stars\": 3, \"minScore\": 58 }", "{ \"stars\": 3, \"minScore\": 99.4 }", StringComparison.Ordinal)
            .Replace("{ \"stars\": 2, \"minScore\": 42 }", "{ \"stars\": 2, \"minScore\": 99.2 }", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json);
    }

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task StationsAreRatedWithTheirRegionsRubric_StoredWithIt_AndReproducible(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        var guizhou = await s.Regions.CreateAsync("贵州省", "贵州省总工会", null);
        var guiyang = await s.Regions.CreateAsync("贵阳市", "贵阳市总工会", guizhou);
        var fujian = await s.Regions.CreateAsync("福建省", "福建省总工会", null);
        foreach (var (id, region) in new[] { ("st-strict", guiyang), ("st-default", fujian), ("st-unplaced", 0L) })
        {
            await s.Registry.RegisterAsync(id, "station-secret-1", id);
            if (region != 0)
            {
                await s.Regions.PlaceStationAsync(id, region, null);
            }

            await s.WriteMonthAsync(id, 2026, 4);
        }

        var strict = await s.Rubrics.UploadAsync("strict-v1.json", StrictRubric(), "admin");
        await s.Rubrics.ChooseAsync(guizhou, "strict@1", "admin");

        // On demand (never rated monthly): 贵阳市 inherits 贵州省's strict rubric; the others keep the default.
        var onDemand = (await s.Current.CurrentAsync(["st-strict", "st-default", "st-unplaced"])).ToDictionary(c => c.Rating.StationId);
        Assert.IsFalse(onDemand["st-strict"].Stored);
        Assert.AreEqual("strict", onDemand["st-strict"].Rating.RubricId);
        Assert.AreEqual("default", onDemand["st-default"].Rating.RubricId);
        Assert.AreEqual("default", onDemand["st-unplaced"].Rating.RubricId);
        Assert.AreEqual(onDemand["st-default"].Rating.Score, onDemand["st-strict"].Rating.Score, 1e-9, "same data, same items: only the thresholds differ");
        Assert.IsLessThan(onDemand["st-default"].Rating.ScoreStars, onDemand["st-strict"].Rating.ScoreStars);

        // A union report for a period not stored yet rates each station with its region's rubric too.
        var reports = new UnionReports(s.Inputs, s.Regions, s.Clock, s.Ratings, s.Rubrics);
        var service = await reports.ServiceForAsync(null);
        var reported = (await service.RateRegionAsync(RegionScope.All, RatingPeriod.Month(2026, 4))).ToDictionary(r => r.StationId);
        Assert.AreEqual("strict", reported["st-strict"].RubricId);
        Assert.AreEqual("default", reported["st-default"].RubricId);
        Assert.AreEqual(onDemand["st-strict"].Rating.ScoreStars, reported["st-strict"].ScoreStars);

        // The monthly run stores each station's rubric id, version and file hash.
        await s.Runner.RateMonthAsync(2026, 4, "tests");
        var april = await s.Ratings.ForPeriodAsync(RatingPeriod.Month(2026, 4), CancellationToken.None);
        Assert.HasCount(3, april);
        Assert.AreEqual(("strict", "1", strict.ContentSha256), (april["st-strict"].RubricId, april["st-strict"].RubricVersion, april["st-strict"].RubricSha256));
        Assert.AreEqual(("default", Rubric.Default.ContentSha256), (april["st-default"].RubricId, april["st-default"].RubricSha256));
        Assert.AreEqual(1, april["st-strict"].ScoreStars);
        Assert.AreEqual(5, april["st-default"].ScoreStars);
        Assert.IsLessThan(april["st-default"].AwardedStars!.Value, april["st-strict"].AwardedStars!.Value);
        await using (var connection = await s.Database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<StoredRatingRow>("SELECT * FROM station_ratings WHERE station_id = 'st-strict'");
            Assert.AreEqual(("strict", "1", strict.ContentSha256, 1L), (row.RubricId, row.RubricVersion, row.RubricSha256, row.ScoreStars));
        }

        // Re-scoring finds the uploaded version (not shipped in rubrics/) and reproduces every stored rating.
        Assert.ThrowsExactly<InvalidOperationException>(() => StoredRatingStore.Reproduce(april["st-strict"]));
        foreach (var stored in april.Values)
        {
            var again = await StoredRatingStore.ReproduceAsync(stored, s.Rubrics);
            Assert.AreEqual(RatingJson.Serialize(stored), RatingJson.Serialize(again), stored.StationId);
        }

        // The choice changes later: stored months keep their rubric, the on-demand and next runs use the new choice.
        await s.Rubrics.ChooseAsync(guizhou, null, "admin");
        Assert.AreEqual("strict", (await s.Ratings.FindAsync("st-strict", RatingPeriod.Month(2026, 4)))!.RubricId);
        await s.Runner.RateMonthAsync(2026, 4, "tests");
        Assert.AreEqual("default", (await s.Ratings.FindAsync("st-strict", RatingPeriod.Month(2026, 4)))!.RubricId);
    }
}
