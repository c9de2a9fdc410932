using System.Globalization;
using Dapper;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Delivery;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Ratings;

/// <summary>
/// Stored monthly ratings (table <c>station_ratings</c>): each with its rubric id, version and hash, its inputs, item
/// scores, caps, star and evidence flag; the history hysteresis reads; and the record of each month's run.
/// </summary>
public sealed class StoredRatingStore(StationDatabase database) : IStoredRatings
{
    /// <summary>How many earlier months the history of a rating carries (hysteresis needs one or two; trends more).</summary>
    public const int HistoryMonths = 12;

    const string DayFormat = "yyyy-MM-dd";

    /// <summary>Stores ratings of calendar months, replacing an earlier rating of the same station and month (re-runs are idempotent).</summary>
    public async Task SaveAsync(IReadOnlyCollection<RatingResult> ratings, DateTimeOffset ratedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (var r in ratings.Where(r => !IsMonth(r.Period)))
        {
            throw new ArgumentException($"Rating of {r.StationId} covers {r.Period}, not a calendar month; only monthly ratings are stored (rate a month, e.g. 2026-03).", nameof(ratings));
        }

        var rows = ratings.Select(r => ToRow(r, ratedAt)).ToList();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO station_ratings (station_id, period_from, period_to, rubric_id, rubric_version, rubric_sha256, score, score_stars,
                computed_stars, awarded_stars, status, movement, evidence_sufficient, rating_json, rated_at_ms)
            VALUES (@StationId, @PeriodFrom, @PeriodTo, @RubricId, @RubricVersion, @RubricSha256, @Score, @ScoreStars,
                @ComputedStars, @AwardedStars, @Status, @Movement, @EvidenceSufficient, @RatingJson, @RatedAtMs)
            ON CONFLICT (station_id, period_from, period_to) DO UPDATE SET rubric_id = excluded.rubric_id, rubric_version = excluded.rubric_version,
                rubric_sha256 = excluded.rubric_sha256, score = excluded.score, score_stars = excluded.score_stars, computed_stars = excluded.computed_stars,
                awarded_stars = excluded.awarded_stars, status = excluded.status, movement = excluded.movement,
                evidence_sufficient = excluded.evidence_sufficient, rating_json = excluded.rating_json, rated_at_ms = excluded.rated_at_ms
            """,
            rows,
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored rating of a station for a month, or null.</summary>
    public async Task<RatingResult?> FindAsync(string stationId, RatingPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT rating_json FROM station_ratings WHERE station_id = @stationId AND period_from = @from AND period_to = @to",
            new { stationId, from = Day(period.From), to = Day(period.To) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? null : RatingJson.Deserialize(json);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RatingResult>> ForPeriodAsync(RatingPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredRatingRow>(new CommandDefinition(
            "SELECT station_id, rating_json FROM station_ratings WHERE period_from = @from AND period_to = @to",
            new { from = Day(period.From), to = Day(period.To) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.StationId, r => RatingJson.Deserialize(r.RatingJson), StringComparer.Ordinal);
    }

    /// <summary>
    /// Each station's stored months that ended before <paramref name="before"/>, most recent first (at most
    /// <see cref="HistoryMonths"/>); only of <paramref name="stationIds"/> when given (a page of stations need not read the fleet's).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PreviousRating>>> HistoryBeforeAsync(DateOnly before, IReadOnlyCollection<string>? stationIds = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StoredRatingRow>();
        // Chunks keep the IN list far below SQLite's parameter limit.
        IEnumerable<string[]?> chunks = [null];
        if (stationIds != null)
        {
            chunks = stationIds.Distinct(StringComparer.Ordinal).Chunk(500);
        }

        foreach (var chunk in chunks)
        {
            rows.AddRange(await connection.QueryAsync<StoredRatingRow>(new CommandDefinition(
                $"""
                SELECT station_id, period_from, period_to, score, computed_stars, awarded_stars, evidence_sufficient FROM station_ratings
                WHERE period_to < @before AND period_from >= @oldest {(chunk == null ? "" : "AND station_id " + InIds)} ORDER BY station_id, period_to DESC
                """,
                new { before = Day(before), oldest = Day(before.AddMonths(-HistoryMonths - 1)), ids = chunk ?? [] },
                cancellationToken: cancellationToken)).ConfigureAwait(false));
        }

        return rows.GroupBy(r => r.StationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PreviousRating>)g.Take(HistoryMonths).Select(ToPrevious).ToList(), StringComparer.Ordinal);
    }

    /// <summary>One station's stored months, most recent first (key columns only, without the rating JSON).</summary>
    public async Task<IReadOnlyList<StoredRatingRow>> MonthsOfAsync(string stationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredRatingRow>(new CommandDefinition(
            """
            SELECT station_id, period_from, period_to, rubric_id, rubric_version, rubric_sha256, score, score_stars, computed_stars, awarded_stars,
                status, movement, evidence_sufficient, rated_at_ms
            FROM station_ratings WHERE station_id = @stationId ORDER BY period_to DESC
            """,
            new { stationId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Each listed station's most recent stored rating (stations never rated are absent).</summary>
    public Task<IReadOnlyDictionary<string, RatingResult>> LatestAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default) =>
        LatestRowsAsync(stationIds, "r.rating_json", row => RatingJson.Deserialize(row.RatingJson), cancellationToken);

    /// <summary>
    /// Each listed station's awarded star in its most recent stored month (null = stored but not rated), read from the
    /// key columns only (no rating JSON): the status overview's star column. Stations never rated are absent.
    /// </summary>
    public Task<IReadOnlyDictionary<string, int?>> LatestStarsAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default) =>
        LatestRowsAsync(stationIds, "r.awarded_stars", row => row.AwardedStars is { } stars ? (int?)(int)stars : null, cancellationToken);

    // The most recent stored month of each listed station, reading only `columns` and mapping each row with `project`.
    async Task<IReadOnlyDictionary<string, T>> LatestRowsAsync<T>(IReadOnlyCollection<string> stationIds, string columns, Func<StoredRatingRow, T> project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Chunks keep the IN list far below SQLite's parameter limit.
        foreach (var chunk in stationIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await connection.QueryAsync<StoredRatingRow>(new CommandDefinition(
                $"""
                SELECT r.station_id, {columns} FROM station_ratings r
                WHERE r.station_id {InIds} AND r.period_to = (SELECT MAX(x.period_to) FROM station_ratings x WHERE x.station_id = r.station_id)
                """,
                new { ids = chunk },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var row in rows)
            {
                result[row.StationId] = project(row);
            }
        }

        return result;
    }

    // Dapper expands "IN @ids" into one parameter per id; Npgsql takes the array as one parameter, which needs "= ANY".
    string InIds => database.Provider == StorageProvider.Postgres ? "= ANY(@ids)" : "IN @ids";

    /// <summary>Records that a month was rated (replacing an earlier record of the same month).</summary>
    public async Task RecordRunAsync(RatingPeriod period, int stations, DateTimeOffset startedAt, DateTimeOffset finishedAt, string startedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rating_runs (period_from, period_to, stations, started_at_ms, finished_at_ms, started_by)
            VALUES (@from, @to, @stations, @started, @finished, @startedBy)
            ON CONFLICT (period_from, period_to) DO UPDATE SET stations = excluded.stations, started_at_ms = excluded.started_at_ms,
                finished_at_ms = excluded.finished_at_ms, started_by = excluded.started_by
            """,
            new { from = Day(period.From), to = Day(period.To), stations = (long)stations, started = startedAt.ToUnixTimeMilliseconds(), finished = finishedAt.ToUnixTimeMilliseconds(), startedBy },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>How many stations the month's last run rated (by the monthly job or on demand), or null when it was never rated.</summary>
    public async Task<long?> RunStationsAsync(RatingPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT stations FROM rating_runs WHERE period_from = @from AND period_to = @to",
            new { from = Day(period.From), to = Day(period.To) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-scores a stored rating from its own stored inputs with the rubric it names (id, version, and the same file hash);
    /// the result equals the stored one. Without <paramref name="findRubric"/> only shipped rubrics are found (uploaded
    /// versions: <see cref="ReproduceAsync"/>). Throws <see cref="InvalidOperationException"/> when that rubric is not available.
    /// </summary>
    public static RatingResult Reproduce(RatingResult stored, Func<string, string, Rubric?>? findRubric = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var rubric = (findRubric ?? Rubric.Find)(stored.RubricId, stored.RubricVersion)
            ?? throw new InvalidOperationException($"Rubric {stored.RubricId} version {stored.RubricVersion} is not available; add its file to rubrics/ or upload it on the Rubrics page to re-score this rating.");
        if (!string.Equals(rubric.ContentSha256, stored.RubricSha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Rubric {stored.RubricId} version {stored.RubricVersion} has changed since the rating (hash {rubric.ContentSha256[..12]}…, rated with {stored.RubricSha256[..Math.Min(12, stored.RubricSha256.Length)]}…); a changed rubric needs a new version.");
        }

        return new RatingEngine(rubric).Score(stored.Inputs);
    }

    /// <summary>Like <see cref="Reproduce"/>, finding the rubric among the shipped ones and the versions uploaded to <paramref name="rubrics"/>.</summary>
    public static async Task<RatingResult> ReproduceAsync(RatingResult stored, RubricStore rubrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rubrics);
        return Reproduce(stored, await rubrics.FinderAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether the period is one whole calendar month.</summary>
    public static bool IsMonth(RatingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.From.Day == 1 && period.To == period.From.AddMonths(1).AddDays(-1);
    }

    static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    static PreviousRating ToPrevious(StoredRatingRow row) => new()
    {
        Period = RatingPeriod.Between(DateOnly.ParseExact(row.PeriodFrom, DayFormat, CultureInfo.InvariantCulture), DateOnly.ParseExact(row.PeriodTo, DayFormat, CultureInfo.InvariantCulture)),
        Score = row.Score,
        AwardedStars = row.AwardedStars is { } a ? (int)a : null,
        ComputedStars = (int)row.ComputedStars,
        EvidenceSufficient = row.EvidenceSufficient != 0,
    };

    static StoredRatingRow ToRow(RatingResult r, DateTimeOffset ratedAt) => new()
    {
        StationId = r.StationId,
        PeriodFrom = Day(r.Period.From),
        PeriodTo = Day(r.Period.To),
        RubricId = r.RubricId,
        RubricVersion = r.RubricVersion,
        RubricSha256 = r.RubricSha256,
        Score = r.Score,
        ScoreStars = r.ScoreStars,
        ComputedStars = r.ComputedStars,
        AwardedStars = r.AwardedStars,
        Status = r.Status.ToString(),
        Movement = r.Movement.ToString(),
        EvidenceSufficient = r.EvidenceSufficient ? 1 : 0,
        RatingJson = RatingJson.Serialize(r),
        RatedAtMs = ratedAt.ToUnixTimeMilliseconds(),
    };
}
