using Dapper;
using Stations.Gateway.Ratings;
using Stations.Gateway.Web.Reports;
using Stations.Ratings.Delivery;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Tests.Storage;

/// <summary>Monthly ratings stored in the gateway (SQLite and PostgreSQL): hysteresis over stored months, evidence rule, reproducible, idempotent re-runs, reports use them.</summary>
[TestClass]
public sealed class StoredRatingTests
{
    // 1 May 2026 04:00 in Beijing: January to April are finished months.
    private static readonly DateTimeOffset May1 = new(2026, 4, 30, 20, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task MonthlyRatings_AreStored_WithHysteresisEvidenceAndProfile(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        await s.Registry.RegisterAsync("st-a", "station-secret-1", "五一路工会驿站");
        for (var month = 1; month <= 3; month++)
        {
            await s.WriteMonthAsync("st-a", 2026, month);
        }

        // April: telemetry only 80% complete.
        await s.WriteMonthAsync("st-a", 2026, 4, telemetryShare: 0.8);

        // January without a profile: the data earns 5 stars, the 5-star gate (area, seats, AED, special service) caps at 4.
        var jan = await s.Runner.RateMonthAsync(2026, 1, "tests");
        Assert.AreEqual(1, jan.Stations);
        var janRating = (await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 1)))!;
        Assert.AreEqual(5, janRating.ScoreStars);
        Assert.AreEqual(4, janRating.AwardedStars);
        Assert.IsTrue(janRating.Caps.Any(c => c.Id == "profileGate5" && c.Binding));

        // The administrator records the facilities: February earns 5 but promotion needs two consecutive months.
        Assert.IsEmpty(await s.Profiles.SaveAsync("st-a", 35, 20, true, ["microwave", "legalAid", "firstAidKit"], "admin", RatingMessages.Chinese));
        await s.Runner.RateMonthAsync(2026, 2, "tests");
        var feb = (await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 2)))!;
        Assert.AreEqual(5, feb.ComputedStars);
        Assert.AreEqual(4, feb.AwardedStars);
        Assert.AreEqual(RatingStatus.PromotionPending, feb.Status);
        CollectionAssert.AreEqual(new[] { "legalAid" }, feb.Inputs.Profile.SpecialServices.ToList());
        CollectionAssert.AreEqual(new[] { "microwave", "firstAidKit" }, feb.Inputs.Profile.Facilities.ToList());

        var mar = await s.Runner.RateMonthAsync(2026, 3, "tests");
        Assert.AreEqual(1, mar.Promoted);
        var march = (await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 3)))!;
        Assert.AreEqual(5, march.AwardedStars);
        Assert.AreEqual(StarMovement.Promoted, march.Movement);
        Assert.AreEqual(2, march.Inputs.History.Count, "history = the stored February and January");

        // April: evidence under 90% keeps the previous star and says 证据不足.
        var apr = await s.Runner.RateMonthAsync(2026, 4, "tests");
        Assert.AreEqual(1, apr.EvidenceInsufficient);
        var april = (await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 4)))!;
        Assert.AreEqual(5, april.AwardedStars);
        Assert.AreEqual(RatingStatus.EvidenceInsufficient, april.Status);
        StringAssert.Contains(ReportText.Chinese.Status(april.Status), "证据不足");
        Assert.IsFalse(april.EvidenceSufficient);

        await using var connection = await s.Database.OpenAsync();
        var row = await connection.QuerySingleAsync<StoredRatingRow>("SELECT * FROM station_ratings WHERE station_id = 'st-a' AND period_from = '2026-04-01'");
        Assert.AreEqual(("default", "1", Rubric.Default.ContentSha256), (row.RubricId, row.RubricVersion, row.RubricSha256));
        Assert.AreEqual((0L, 5L, "EvidenceInsufficient"), (row.EvidenceSufficient, row.AwardedStars!.Value, row.Status));
    }

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task StoredRating_IsReproducible_AndReRunningAMonthIsIdempotent(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        await s.Registry.RegisterAsync("st-a", "station-secret-1", "五一路工会驿站");
        await s.Registry.RegisterAsync("st-b", "station-secret-1", "花果园工会驿站");
        await s.Profiles.SaveAsync("st-b", 40, 24, true, ["nursingRoom"], "admin", RatingMessages.English);
        for (var month = 1; month <= 2; month++)
        {
            await s.WriteMonthAsync("st-a", 2026, month, visits: 3);
            await s.WriteMonthAsync("st-b", 2026, month, telemetryShare: month == 2 ? 0.5 : 1);
            await s.Runner.RateMonthAsync(2026, month, "tests");
        }

        var february = await s.Ratings.ForPeriodAsync(RatingPeriod.Month(2026, 2), CancellationToken.None);
        Assert.HasCount(2, february);
        foreach (var stored in february.Values)
        {
            // Re-scored from its own stored inputs with its own rubric version: the same rating, item by item.
            var again = StoredRatingStore.Reproduce(stored);
            Assert.AreEqual(RatingJson.Serialize(stored), RatingJson.Serialize(again), stored.StationId);
        }

        var before = RatingJson.Serialize(february["st-a"]);
        s.Clock.Advance(TimeSpan.FromDays(3));
        var rerun = await s.Runner.RateMonthAsync(2026, 2, "tests");
        Assert.AreEqual(2, rerun.Stations);
        Assert.AreEqual(before, RatingJson.Serialize((await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 2)))!));
        await using var connection = await s.Database.OpenAsync();
        Assert.AreEqual(4L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM station_ratings"));
        Assert.AreEqual(2L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rating_runs"));

        // A rubric file changed without a new version cannot re-score silently.
        var changed = Rubric.Default with { ContentSha256 = new string('0', 64) };
        Assert.ThrowsExactly<InvalidOperationException>(() => StoredRatingStore.Reproduce(february["st-a"], (_, _) => changed));
    }

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task Report_UsesTheStoredMonth_WithItsMovementCounts(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        await s.Registry.RegisterAsync("st-a", "station-secret-1", "五一路工会驿站");
        await s.WriteMonthAsync("st-a", 2026, 1, visits: 1);
        await s.WriteMonthAsync("st-a", 2026, 2, visits: 1);
        await s.Runner.RateMonthAsync(2026, 1, "tests");
        await s.Runner.RateMonthAsync(2026, 2, "tests");
        await s.Registry.RegisterAsync("st-b", "station-secret-1", "花果园工会驿站");
        await s.WriteMonthAsync("st-b", 2026, 2);

        // Later replays change February's rollups; the report keeps the stored, official rating of st-a.
        await using (var connection = await s.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE rollups_daily SET visits = 40 WHERE station_id = 'st-a'");
        }

        var engine = new RatingEngine(Rubric.Default);
        var service = new RatingService(new GatewayRatingSource(s.Inputs, s.Clock), engine, s.Clock, s.Ratings);
        var ratings = await service.RateRegionAsync(RegionScope.All, RatingPeriod.Month(2026, 2));
        var storedA = (await s.Ratings.FindAsync("st-a", RatingPeriod.Month(2026, 2)))!;
        Assert.AreEqual(RatingJson.Serialize(storedA), RatingJson.Serialize(ratings.Single(r => r.StationId == "st-a")));
        Assert.AreEqual(StarMovement.Unchanged, storedA.Movement);
        var fresh = ratings.Single(r => r.StationId == "st-b");
        Assert.AreEqual(StarMovement.New, fresh.Movement, "a station not stored yet is rated on demand");
        var report = await service.BuildReportAsync("南明区总工会", RegionScope.All, RatingPeriod.Month(2026, 2));
        Assert.HasCount(2, report.Rows);
    }

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task MonthlyJob_RatesThePreviousMonthOnceFromThreeOClockOnTheFirst(string provider)
    {
        // 1 April 2026 02:30 in Beijing.
        await using var s = await RatingStorage.StartAsync(provider, new DateTimeOffset(2026, 3, 31, 18, 30, 0, TimeSpan.Zero));
        await s.Registry.RegisterAsync("st-a", "station-secret-1", "五一路工会驿站");
        await s.WriteMonthAsync("st-a", 2026, 3);
        Assert.IsNull(await s.Job.RunDueAsync());
        s.Clock.Advance(TimeSpan.FromMinutes(30));
        var run = await s.Job.RunDueAsync();
        Assert.AreEqual(RatingPeriod.Month(2026, 3), run!.Period);
        Assert.IsNull(await s.Job.RunDueAsync(), "rated once");

        // A station registered later is considered at the next check: with no telemetry and no earlier star there is nothing
        // to store (its on-demand rating keeps showing); once considered, the month is not re-run.
        await s.Registry.RegisterAsync("st-b", "station-secret-1", "花果园工会驿站");
        var again = (await s.Job.RunDueAsync())!;
        Assert.AreEqual((1, 1), (again.Stations, again.NotRated));
        Assert.IsNull(await s.Ratings.FindAsync("st-b", RatingPeriod.Month(2026, 3)));
        Assert.IsNull(await s.Job.RunDueAsync());

        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => s.Runner.RateMonthAsync(2026, 4, "tests"));
        StringAssert.Contains(e.Message, "2026-04 is not over yet");
    }

    [TestMethod]
    [DataRow("Sqlite")]
    [DataRow("Postgres")]
    public async Task Profile_IsValidated_InChineseAndEnglish_AndFeedsTheEngine(string provider)
    {
        await using var s = await RatingStorage.StartAsync(provider, May1);
        await s.Registry.RegisterAsync("st-a", "station-secret-1", "五一路工会驿站");
        var zh = await s.Profiles.SaveAsync("st-a", -1, 20, true, ["sauna"], "admin", RatingMessages.Chinese);
        Assert.HasCount(2, zh);
        StringAssert.StartsWith(zh[0], "面积 -1 平方米无效");
        StringAssert.StartsWith(zh[1], "服务代码“sauna”未知");
        var en = await s.Profiles.SaveAsync("st-a", 30, 2000, false, [], "admin", RatingMessages.English);
        CollectionAssert.AreEqual(new[] { "Seats 2000 is not valid; fix: enter a whole number from 0 to 1000" }, en.ToList());
        Assert.IsNull(await s.Profiles.FindAsync("st-a"), "nothing is saved when a value is bad");
        StringAssert.StartsWith((await s.Profiles.SaveAsync("st-zz", 30, 20, true, [], "admin", RatingMessages.English))[0], "Station \"st-zz\" does not exist");

        Assert.IsEmpty(await s.Profiles.SaveAsync("st-a", 32.5, 24, true, ["legalAid", "toilet", "legalAid"], "admin", RatingMessages.English));
        var saved = (await s.Profiles.FindAsync("st-a"))!;
        Assert.AreEqual("toilet,legalAid", saved.Services);
        var data = (await s.Inputs.LoadAsync(_ => true, RatingPeriod.Month(2026, 3), May1)).Single();
        Assert.AreEqual((32.5, 24, true), (data.Profile.AreaSquareMetres, data.Profile.Seats, data.Profile.HasAed));
        CollectionAssert.AreEqual(new[] { "legalAid" }, data.Profile.SpecialServices.ToList());
        Assert.IsEmpty(RatingEngine.Shortfalls(Rubric.Default.ProfileGates.Single(), data.Profile));
    }
}
