using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Protocol;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Ingestion;

/// <summary>
/// Writes one batch in one transaction: raw messages (idempotent on station, boot, seq), dead letters, dropped ranges,
/// derived state and alarms, command results, dirty rollup days; then computes the acks (highest contiguous seq per boot).
/// </summary>
public sealed class IngestionStore(StationDatabase database, StateProjector projector, StationRegistry registry)
{
    /// <summary>Message dating: 0 = the station's clock, 1 = derived from uptime and a dated message of the same boot, 2 = receive time.</summary>
    const long DatedByStation = 0, DatedFromUptime = 1, DatedAtReceive = 2;

    /// <summary>Above this many remembered boots the memory below starts over (it is only a shortcut).</summary>
    const int MaxRememberedBoots = 100_000;

    /// <summary>
    /// Boots known (from a query in this process) to have no receive-dated message, so a dated message need not look for
    /// messages to re-date: without this, every dated message scanned its whole boot (O(n²) over a long boot). A boot
    /// leaves the set as soon as a receive-dated message of it is written. Another gateway instance sharing an external
    /// broker may write one unseen; then only this instance's re-dating of that boot is skipped (dating precision, not data).
    /// </summary>
    readonly ConcurrentDictionary<(string Station, string Boot), bool> bootsWithoutEstimates = new();

    /// <summary>Above this many remembered acks the memory below starts over (it is only a shortcut).</summary>
    const int MaxRememberedAcks = 200_000;

    /// <summary>
    /// The ack this process last committed per boot, when it knew of nothing stored beyond it. A batch whose covered
    /// seqs continue it without a gap acks without reading (the common case: a station's next messages in order);
    /// anything else — a gap, a dropped range, a boot not seen yet — reads the boot's stored seqs as before. The
    /// shortcut can only ack less than the truth (another gateway instance may have stored more), never more: every seq
    /// it counts was stored by this batch or found already stored. Updated only after the batch commits.
    /// </summary>
    readonly ConcurrentDictionary<(string Station, string Boot), long> cleanAcks = new();

    /// <summary>Writes <paramref name="batch"/>; nothing is written if it throws.</summary>
    public async Task<StoredBatch> WriteAsync(IReadOnlyList<(IncomingMessage Incoming, ValidationResult Result)> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var db = new DbSession(connection, transaction);
        await using var statements = new StatementCache(db);
        var covered = new Dictionary<(string Station, string Boot), List<long>>();
        var readAcks = new HashSet<(string Station, string Boot)>();
        var deadLetters = new List<(ValidationResult, string)>();
        var dirtyDays = new HashSet<(string Station, string LocalDate)>();
        int stored = 0, duplicates = 0;

        void Cover(string station, string boot, long seq)
        {
            if (!covered.TryGetValue((station, boot), out var seqs))
            {
                covered[(station, boot)] = seqs = [];
            }

            seqs.Add(seq);
        }

        // The projector's memory of the stations is changed in place by this batch: if the batch does not commit, it is
        // forgotten and the next batch reads the stations from the store again.
        var committed = false;
        try
        {
            var stationIds = batch.Where(b => b.Result.IsValid).Select(b => b.Result.Message!.StationId).Distinct(StringComparer.Ordinal).ToList();
            var state = await projector.LoadAsync(db, stationIds, database.Provider).ConfigureAwait(false);
            var runs = database.Provider == StorageProvider.Postgres ? new MessageInsertRuns(db, batch) : null;
            for (var index = 0; index < batch.Count; index++)
            {
                var (incoming, result) = batch[index];
                if (!result.IsValid)
                {
                    await statements.DeferAsync(
                        """
                        INSERT INTO dead_letters (station_id, topic, reason, boot, seq, received_at_ms, payload)
                        VALUES (@station, @topic, @reason, @boot, @seq, @receivedAtMs, @payload)
                        """,
                        ("station", result.StationId), ("topic", incoming.Topic), ("reason", result.Reason), ("boot", result.Boot), ("seq", result.Seq),
                        ("receivedAtMs", incoming.ReceivedAtMs), ("payload", incoming.Payload)).ConfigureAwait(false);
                    deadLetters.Add((result, incoming.Topic));
                    if (result.Boot != null && result.Seq != null && result.StationId != null)
                    {
                        Cover(result.StationId, result.Boot, result.Seq.Value); // A bad record with a good envelope still counts as covered.
                    }

                    continue;
                }

                var message = result.Message!;
                if (message.Kind == StationMessageKind.Status)
                {
                    state.ApplyStatus(message, incoming.ReceivedAtMs);
                    stored++;
                    continue;
                }

                var (tsMs, dating) = await DateAsync(db, message, incoming.ReceivedAtMs).ConfigureAwait(false);
                var inserted = runs != null
                    ? await runs.InsertAsync(index, tsMs, dating).ConfigureAwait(false)
                    : await statements.ExecuteAsync(
                        """
                        INSERT INTO messages (station_id, boot, seq, kind, event_type, up_ms, ts_ms, ts_estimated, received_at_ms, payload)
                        VALUES (@station, @boot, @seq, @kind, @eventType, @upMs, @tsMs, @dating, @receivedAtMs, @payload)
                        ON CONFLICT (station_id, boot, seq) DO NOTHING
                        """,
                        ("station", message.StationId), ("boot", message.Boot), ("seq", message.Seq), ("kind", KindName(message.Kind)), ("eventType", message.EventType),
                        ("upMs", message.UpMs), ("tsMs", tsMs), ("dating", dating), ("receivedAtMs", incoming.ReceivedAtMs), ("payload", message.PayloadText)).ConfigureAwait(false) > 0;
                Cover(message.StationId, message.Boot, message.Seq);
                if (!inserted)
                {
                    duplicates++; // Replay: stored once, never a second visit.
                    continue;
                }

                stored++;
                await MarkDirtyAsync(statements, message.StationId, tsMs, dirtyDays).ConfigureAwait(false);
                if (dating == DatedAtReceive)
                {
                    bootsWithoutEstimates.TryRemove((message.StationId, message.Boot), out _);
                }
                else if (dating == DatedByStation)
                {
                    await RedateEstimatedAsync(db, statements, message, dirtyDays).ConfigureAwait(false);
                }

                state.Apply(message, tsMs, incoming.ReceivedAtMs);
                if (message.Kind == StationMessageKind.CommandResult)
                {
                    await Commands.CommandStore.RecordResultAsync(db, message, tsMs).ConfigureAwait(false);
                }
                else if (message.EventType == "outbox.dropped")
                {
                    var root = message.Root;
                    var lostBoot = root.GetProperty("lostBoot").GetString()!;
                    await statements.DeferAsync(
                        "INSERT INTO dropped_ranges (station_id, lost_boot, from_seq, to_seq, reason) VALUES (@station, @lostBoot, @from, @to, @reason) ON CONFLICT DO NOTHING",
                        ("station", message.StationId), ("lostBoot", lostBoot), ("from", root.GetProperty("from").GetInt64()), ("to", root.GetProperty("to").GetInt64()),
                        ("reason", root.GetProperty("reason").GetString())).ConfigureAwait(false);
                    readAcks.Add((message.StationId, lostBoot));
                    covered.TryAdd((message.StationId, lostBoot), []);
                }
            }

            await state.FlushAsync(statements).ConfigureAwait(false);
            await statements.FlushAsync().ConfigureAwait(false); // The ack reads below see the dead letters and dropped ranges.
            var acks = new List<StationAck>();
            var learned = new List<((string, string) Boot, long Acked, bool Clean)>();
            foreach (var ((station, boot), seqs) in covered)
            {
                var (acked, next, clean) = !readAcks.Contains((station, boot)) && cleanAcks.TryGetValue((station, boot), out var known) && Continues(known, seqs) is { } shortcut
                    ? (known, shortcut, true)
                    : await ReadAckAsync(db, station, boot).ConfigureAwait(false);
                if (next != acked)
                {
                    await statements.DeferAsync(
                        """
                        INSERT INTO boot_acks (station_id, boot, acked_seq, updated_at_ms) VALUES (@station, @boot, @next, @nowMs)
                        ON CONFLICT (station_id, boot) DO UPDATE SET acked_seq = excluded.acked_seq, updated_at_ms = excluded.updated_at_ms
                        WHERE boot_acks.acked_seq < excluded.acked_seq
                        """,
                        ("station", station), ("boot", boot), ("next", next), ("nowMs", batch[0].Incoming.ReceivedAtMs)).ConfigureAwait(false);
                }

                acks.Add(new StationAck(station, boot, next));
                learned.Add(((station, boot), next, clean));
            }

            await statements.FlushAsync().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
            projector.Remember(state);
            if (cleanAcks.Count >= MaxRememberedAcks)
            {
                cleanAcks.Clear();
            }

            foreach (var (boot, acked, clean) in learned)
            {
                if (clean)
                {
                    cleanAcks[boot] = acked;
                }
                else
                {
                    cleanAcks.TryRemove(boot, out _);
                }
            }

            return new StoredBatch(acks.Where(a => a.Seq > 0).ToList(), stored, duplicates, deadLetters);
        }
        finally
        {
            if (!committed)
            {
                projector.Forget();
            }
        }
    }

    /// <summary>The ack after <paramref name="acked"/> if <paramref name="seqs"/> continue it with nothing left beyond a gap; else null (read the store).</summary>
    static long? Continues(long acked, List<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return null;
        }

        seqs.Sort();
        var next = AckCalculator.HighestContiguous(acked, seqs, []);
        return seqs[^1] <= next ? next : null;
    }

    /// <summary>Dates a message: its own ts, else from the nearest dated message of the same boot, else the receive time.</summary>
    static async Task<(long TsMs, long Dating)> DateAsync(DbSession db, ValidatedMessage message, long receivedAtMs)
    {
        if (message.TsMs is { } ts)
        {
            return (ts, DatedByStation);
        }

        var references = await db.Connection.QueryAsync<(long UpMs, long TsMs)>(
            """
            SELECT up_ms, ts_ms FROM messages WHERE station_id = @StationId AND boot = @Boot AND ts_estimated = 0
            ORDER BY CASE WHEN seq > @Seq THEN seq - @Seq ELSE @Seq - seq END LIMIT 1
            """,
            new { message.StationId, message.Boot, message.Seq }, db.Transaction).ConfigureAwait(false);
        foreach (var r in references)
        {
            return (r.TsMs - (r.UpMs - message.UpMs), DatedFromUptime);
        }

        return (receivedAtMs, DatedAtReceive);
    }

    /// <summary>A dated message arrived: re-date the boot's messages that only had a receive time, and mark their days dirty.</summary>
    async Task RedateEstimatedAsync(DbSession db, StatementCache statements, ValidatedMessage message, HashSet<(string, string)> dirtyDays)
    {
        var boot = (message.StationId, message.Boot);
        if (bootsWithoutEstimates.ContainsKey(boot))
        {
            return;
        }

        var estimated = (await db.Connection.QueryAsync<(long Seq, long TsMs, long UpMs)>(
            "SELECT seq, ts_ms, up_ms FROM messages WHERE station_id = @StationId AND boot = @Boot AND ts_estimated = 2",
            new { message.StationId, message.Boot }, db.Transaction).ConfigureAwait(false)).ToList();
        if (estimated.Count == 0)
        {
            // Only after a read that found none: re-dated rows could still roll back with this transaction.
            if (bootsWithoutEstimates.Count >= MaxRememberedBoots)
            {
                bootsWithoutEstimates.Clear();
            }

            bootsWithoutEstimates[boot] = true;
            return;
        }

        foreach (var (seq, oldTs, up) in estimated)
        {
            var newTs = message.TsMs!.Value - (message.UpMs - up);
            await db.Connection.ExecuteAsync(
                "UPDATE messages SET ts_ms = @newTs, ts_estimated = 1 WHERE station_id = @StationId AND boot = @Boot AND seq = @seq",
                new { newTs, message.StationId, message.Boot, seq }, db.Transaction).ConfigureAwait(false);
            await MarkDirtyAsync(statements, message.StationId, oldTs, dirtyDays).ConfigureAwait(false);
            await MarkDirtyAsync(statements, message.StationId, newTs, dirtyDays).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the station's local day of <paramref name="tsMs"/> for rollup; once per day per batch (<paramref name="dirtyDays"/>).</summary>
    async Task MarkDirtyAsync(StatementCache statements, string stationId, long tsMs, HashSet<(string, string)> dirtyDays)
    {
        var station = await registry.FindAsync(stationId).ConfigureAwait(false);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(station?.TimeZone ?? "Asia/Shanghai");
        var localDate = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(tsMs), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!dirtyDays.Add((stationId, localDate)))
        {
            return;
        }

        await statements.DeferAsync(
            "INSERT INTO rollup_dirty (station_id, local_date, marked_at_ms) VALUES (@station, @localDate, @tsMs) ON CONFLICT (station_id, local_date) DO NOTHING",
            ("station", stationId), ("localDate", localDate), ("tsMs", tsMs)).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the boot's ack and the seqs covered beyond it (stored messages, dead letters with a valid envelope, dropped
    /// ranges); returns the stored ack, the highest contiguous seq, and whether nothing is covered beyond that.
    /// </summary>
    static async Task<(long Acked, long Next, bool Clean)> ReadAckAsync(DbSession db, string stationId, string boot)
    {
        var acked = await db.Connection.ExecuteScalarAsync<long?>(
            "SELECT acked_seq FROM boot_acks WHERE station_id = @stationId AND boot = @boot", new { stationId, boot }, db.Transaction).ConfigureAwait(false) ?? 0;
        var seqs = (await db.Connection.QueryAsync<long>(
            """
            SELECT seq FROM messages WHERE station_id = @stationId AND boot = @boot AND seq > @acked
            UNION SELECT seq FROM dead_letters WHERE station_id = @stationId AND boot = @boot AND seq > @acked
            ORDER BY seq LIMIT 10000
            """,
            new { stationId, boot, acked }, db.Transaction).ConfigureAwait(false)).ToList();
        var ranges = (await db.Connection.QueryAsync<(long From, long To)>(
            "SELECT from_seq, to_seq FROM dropped_ranges WHERE station_id = @stationId AND lost_boot = @boot AND to_seq > @acked ORDER BY from_seq",
            new { stationId, boot, acked }, db.Transaction).ConfigureAwait(false)).ToList();
        var next = AckCalculator.HighestContiguous(acked, seqs, ranges);
        var clean = seqs.Count < 10000 && seqs.All(s => s <= next) && ranges.All(r => r.To <= next);
        return (acked, next, clean);
    }

    /// <summary>
    /// PostgreSQL: the raw inserts of a batch in one statement per run of messages instead of one round trip per message.
    /// Asked about a message not inserted yet, it inserts that message and the batch's following ones up to the next
    /// message without a station time (its dating reads the dated messages stored before it, and must not see later
    /// ones; every message of a run after its first has a station time, so re-dating from a run's message finds the
    /// same receive-dated rows as one message at a time would). Status messages and dead letters have no row. Within a run
    /// the first occurrence of a key is the one inserted, later ones are duplicates (as one at a time: the second
    /// insert conflicts with the first); `RETURNING` names the keys that were new.
    /// </summary>
    sealed class MessageInsertRuns(DbSession db, IReadOnlyList<(IncomingMessage Incoming, ValidationResult Result)> batch)
    {
        readonly Dictionary<int, bool> inserted = [];

        /// <summary>Whether the message at <paramref name="index"/> was new (stored), dated <paramref name="tsMs"/>, <paramref name="dating"/>.</summary>
        public async Task<bool> InsertAsync(int index, long tsMs, long dating)
        {
            if (inserted.TryGetValue(index, out var known))
            {
                return known;
            }

            var run = new List<(int Index, long TsMs, long Dating)> { (index, tsMs, dating) };
            for (var i = index + 1; i < batch.Count; i++)
            {
                if (batch[i].Result is not { IsValid: true, Message: { } message } || message.Kind == StationMessageKind.Status)
                {
                    continue;
                }

                if (message.TsMs is not { } ts)
                {
                    break;
                }

                run.Add((i, ts, DatedByStation));
            }

            var first = new Dictionary<(string, string, long), int>();
            var rows = new List<(int Index, long TsMs, long Dating)>();
            foreach (var row in run)
            {
                if (first.TryAdd(Key(row.Index), row.Index))
                {
                    rows.Add(row);
                }
            }

            ValidatedMessage Message(int i) => batch[i].Result.Message!;
            await using var command = db.Connection.CreateCommand();
            command.Transaction = db.Transaction;
            command.CommandText =
                """
                INSERT INTO messages (station_id, boot, seq, kind, event_type, up_ms, ts_ms, ts_estimated, received_at_ms, payload)
                SELECT * FROM unnest(@station::text[], @boot::text[], @seq::bigint[], @kind::text[], @eventType::text[], @upMs::bigint[],
                    @tsMs::bigint[], @dating::bigint[], @receivedAtMs::bigint[], @payload::text[])
                ON CONFLICT (station_id, boot, seq) DO NOTHING
                RETURNING station_id, boot, seq
                """;
            foreach (var (name, values) in new (string, object)[]
            {
                ("station", rows.Select(r => Message(r.Index).StationId).ToArray()),
                ("boot", rows.Select(r => Message(r.Index).Boot).ToArray()),
                ("seq", rows.Select(r => Message(r.Index).Seq).ToArray()),
                ("kind", rows.Select(r => KindName(Message(r.Index).Kind)).ToArray()),
                ("eventType", rows.Select(r => Message(r.Index).EventType).ToArray()),
                ("upMs", rows.Select(r => Message(r.Index).UpMs).ToArray()),
                ("tsMs", rows.Select(r => r.TsMs).ToArray()),
                ("dating", rows.Select(r => r.Dating).ToArray()),
                ("receivedAtMs", rows.Select(r => batch[r.Index].Incoming.ReceivedAtMs).ToArray()),
                ("payload", rows.Select(r => Message(r.Index).PayloadText).ToArray()),
            })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = values;
                command.Parameters.Add(parameter);
            }

            var returned = new HashSet<(string, string, long)>();
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    returned.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                }
            }

            foreach (var (i, _, _) in run)
            {
                inserted[i] = first[Key(i)] == i && returned.Contains(Key(i));
            }

            return inserted[index];
        }

        (string, string, long) Key(int i) => (batch[i].Result.Message!.StationId, batch[i].Result.Message!.Boot, batch[i].Result.Message!.Seq);
    }

    static string KindName(StationMessageKind kind) => kind switch
    {
        StationMessageKind.Telemetry => "telemetry",
        StationMessageKind.Event => "event",
        StationMessageKind.CommandResult => "cmd-result",
        _ => "status",
    };
}
