using Stations.Ratings.Inputs;

namespace Stations.Ratings.Tests.Storage;

/// <summary>The status overview's star column: the latest stored monthly star, on demand only for stations never rated, the same as the Stars pages.</summary>
[TestClass]
public sealed class StationStarsTests
{
    // 1 May 2026 04:00 in Beijing: March is stored; the on-demand window is 1-30 April.
    private static readonly DateTimeOffset May1 = new(2026, 4, 30, 20, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task OverviewStars_AreTheLatestStoredStar_OrOnDemandForNeverRated_AsOnTheStarsPages(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        foreach (var id in new[] { "st-stored", "st-new", "st-silent" })
        {
            await s.Registry.RegisterAsync(id, "station-secret-1", id);
        }

        // st-stored: March is stored; its April is not rated on demand, the stored month is official.
        await s.WriteMonthAsync("st-stored", 2026, 3, visits: 1);
        await s.Runner.RateMonthAsync(2026, 3, "tests");
        await s.WriteMonthAsync("st-stored", 2026, 4);
        // st-new: never rated monthly (registered later): rated on demand. st-silent: no telemetry at all, not rated.
        await s.WriteMonthAsync("st-new", 2026, 4);

        var page = new[] { "st-stored", "st-new", "st-silent", "st-gone" };
        var stars = await s.Stars.LatestAsync(page);
        var storedMarch = (await s.Ratings.FindAsync("st-stored", RatingPeriod.Month(2026, 3)))!;
        Assert.AreEqual(storedMarch.AwardedStars, stars["st-stored"]);
        Assert.AreEqual(4, stars["st-new"], "on demand: five by score, capped at four until the profile is saved");
        Assert.IsTrue(stars.ContainsKey("st-silent"));
        Assert.IsNull(stars["st-silent"], "not rated yet");
        Assert.IsFalse(stars.ContainsKey("st-gone"), "stations no longer registered are skipped");

        // The Stars pages' own source gives the same star for every station of the page.
        var current = await s.Current.CurrentAsync(page);
        Assert.HasCount(3, current);
        foreach (var c in current)
        {
            Assert.AreEqual(c.Rating.AwardedStars, stars[c.Rating.StationId], c.Rating.StationId);
            Assert.AreEqual(c.Rating.StationId == "st-stored", c.Stored, c.Rating.StationId);
        }

        // Inputs for a page read only its stations (and only their stored history).
        var inputs = await s.Inputs.LoadAsync(["st-stored"], RatingPeriod.Month(2026, 4), May1);
        Assert.HasCount(1, inputs);
        Assert.AreEqual("st-stored", inputs[0].Profile.StationId);
        Assert.HasCount(1, inputs[0].History, "the stored March");
    }
}
