using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MQTTnet.Exceptions;
using Stations.Gateway.Broker;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Protocol;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Tests.Support;
using Stations.Testing;

namespace Stations.Gateway.Tests.Ingestion;

/// <summary>
/// The store fails mid-stream (issue 12, chaos): nothing lost, nothing half-written. Injected write failures (a
/// test-only trigger standing in for a full disk or an I/O error) on SQLite and PostgreSQL, a PostgreSQL crash and
/// restart, and the gateway's connections killed: the real batch writer retries, no ack is ever published for a message
/// that is not committed, and after recovery the store equals an uninterrupted run of the same stream.
/// </summary>
[TestClass]
public sealed class StoreFailureTests
{
    static readonly Dictionary<StorageKind, BatchProjectionTests.Outcome> References = [];

    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// <paramref name="failure"/> names the table whose inserts and updates fail while the flag is set. `messages` fails
    /// a batch's first statement, `messages:midway` a later message (on SQLite the batch's first messages are applied in
    /// memory by then and nothing is flushed yet, so no version was bumped; on PostgreSQL a batch's raw rows go in one
    /// statement before anything is applied, so there it fails like `messages` and the failures after the in-memory step
    /// are `station_state`, `device_state`, `alarms` and `boot_acks`); `boot_acks` is the last statement of a batch
    /// (everything in memory is applied by then); `:rollback` makes SQLite roll the whole transaction back itself (as it
    /// does on a full disk or an I/O error); `:commit` makes PostgreSQL's COMMIT fail. See <see cref="InstallFailureAsync"/>.
    /// </summary>
    [TestMethod]
    [DataRow(StorageKind.Sqlite, "messages")]
    [DataRow(StorageKind.Sqlite, "messages:midway")]
    [DataRow(StorageKind.Sqlite, "station_state")]
    [DataRow(StorageKind.Sqlite, "alarms")]
    [DataRow(StorageKind.Sqlite, "device_state")]
    [DataRow(StorageKind.Sqlite, "boot_acks")]
    [DataRow(StorageKind.Sqlite, "boot_acks:rollback")]
    [DataRow(StorageKind.Postgres, "messages")]
    [DataRow(StorageKind.Postgres, "messages:midway")]
    [DataRow(StorageKind.Postgres, "station_state")]
    [DataRow(StorageKind.Postgres, "alarms")]
    [DataRow(StorageKind.Postgres, "device_state")]
    [DataRow(StorageKind.Postgres, "boot_acks")]
    [DataRow(StorageKind.Postgres, "boot_acks:commit")]
    public async Task FailedWritesAreRetried_NoAckBeforeTheCommit_AndTheStoreEndsLikeAnUninterruptedRun(StorageKind kind, string failure)
    {
        var stream = BatchProjectionTests.Stream(seed: 11, count: 300);
        var reference = await ReferenceAsync(kind, stream);
        var table = failure.Split(':')[0];
        var name = "fail-" + failure.Replace(':', '-').Replace('_', '-');
        var logs = new WriteFailureLog();
        var starter = GatewayHost.Starter(kind, name).WithEmbeddedBroker()
            .With(await BatchProjectionTests.Settings(kind, name))
            .WithServices(services =>
            {
                services.AddSingleton<IStationLink>(sp => new CheckingLink(sp.GetRequiredService<StationDatabase>()));
                services.AddSingleton<ILoggerProvider>(logs);
            });
        await using var host = await GatewayHost.StartAsync(starter);
        foreach (var station in BatchProjectionTests.Stations)
        {
            await host.RegisterAsync(station);
        }

        var database = host.Get<StationDatabase>();
        await InstallFailureAsync(database, table, failure.Contains(':', StringComparison.Ordinal) ? failure.Split(':')[1] : "");
        var queue = host.Get<IngestionChannel>();
        var sent = new List<IncomingMessage>();
        var windows = 0;
        foreach (var (chunk, index) in stream.Chunk(25).Select((c, i) => (c, i)))
        {
            var failing = index % 2 == 1;
            var failuresBefore = logs.Count;
            if (failing)
            {
                await SetFailingAsync(database, table, true);
            }

            // Between windows one message per batch, so stations are remembered between batches (a batch that raised a
            // new alarm makes its stations be read again); a failing window queues its messages at once: one batch
            // applies several of them in memory before the failure.
            var items = chunk.Select(m => new IncomingMessage(m.Topic, m.Payload, m.ReceivedAtMs)).ToList();
            foreach (var item in items)
            {
                await queue.EnqueueAsync(item, TestContext.CancellationToken);
                if (!failing)
                {
                    await item.Durable.WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken);
                }
            }

            sent.AddRange(items);
            if (failing)
            {
                // Two failed attempts of the same batch (100 + 200 ms of back-off), or the chunk went through without touching the table.
                var allDurable = Task.WhenAll(items.Select(i => i.Durable));
                await StationBench.WaitUntilAsync(() => Task.FromResult(logs.Count >= failuresBefore + 2 || allDurable.IsCompleted), $"two failed writes or chunk {index} stored");
                if (logs.Count >= failuresBefore + 2)
                {
                    windows++;
                    if (windows == 1)
                    {
                        // The store still answers reads, but nothing can be written: not ready.
                        var health = await ActivatorUtilities.CreateInstance<Gateway.Operations.StorageHealthCheck>(host.Services).CheckHealthAsync(new(), TestContext.CancellationToken);
                        Assert.AreEqual(HealthStatus.Unhealthy, health.Status, health.Description);
                        Assert.Contains("writes failing", health.Description!);
                    }
                }

                await SetFailingAsync(database, table, false);

                // Recovered (the held batch is retried after its back-off): the next window fails a new batch.
                await Task.WhenAll(sent.Select(i => i.Durable)).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken);
            }
        }

        await Task.WhenAll(sent.Select(i => i.Durable)).WaitAsync(TimeSpan.FromSeconds(20), TestContext.CancellationToken);
        Assert.AreEqual(HealthStatus.Healthy, (await ActivatorUtilities.CreateInstance<Gateway.Operations.StorageHealthCheck>(host.Services).CheckHealthAsync(new(), TestContext.CancellationToken)).Status, "ready again");
        var link = (CheckingLink)host.Get<IStationLink>();
        var acks = await ReadAcksAsync(database);
        await StationBench.WaitUntilAsync(() => Task.FromResult(acks.All(a => link.HighestAck(a.Key.Station, a.Key.Boot) == a.Value)), "the last acks published");

        Assert.IsGreaterThanOrEqualTo(4, windows, $"the injected failure hit at least 4 of the 6 windows ({logs.Count} failed writes)");
        Assert.IsEmpty(link.Premature, "acks published before every message they cover was committed:\n" + string.Join("\n", link.Premature));
        var outcome = await BatchProjectionTests.ReadAsync(host);
        CollectionAssert.AreEqual(reference.Stations, outcome.Stations, "station_state");
        CollectionAssert.AreEqual(reference.Devices, outcome.Devices, "device_state");
        CollectionAssert.AreEqual(reference.Alarms, outcome.Alarms, "alarms");
        CollectionAssert.AreEqual(reference.Acks, outcome.Acks, "boot_acks");
        Assert.AreEqual(reference.Messages, outcome.Messages, "stored messages");
        CollectionAssert.AreEquivalent(SentKeys(sent), await StoredKeysAsync(database), "every sent (station, boot, seq) stored exactly once");
        Assert.AreEqual(0L, await CountAsync(database, "SELECT COUNT(*) FROM dead_letters"), "no dead letters");
    }

    /// <summary>
    /// A real gateway (embedded broker) on its own PostgreSQL cluster, three stations publishing: mid-stream the server
    /// is killed and restarted (`restart`: `pg_ctl stop -m immediate`, then started again on the same data and port) or
    /// the gateway's connections are killed (`terminate`: `pg_terminate_backend`, three times). The gateway rides it out
    /// without a restart: every message stored once, every station acked up to its last seq, no dead letters. While the
    /// server is down `/health/ready` says not ready and why. Just before the crash a station's cached registry entry is
    /// dropped (as saving its configuration does), so the writer's own station lookup meets the outage too.
    /// </summary>
    [TestMethod]
    [DataRow("restart")]
    [DataRow("terminate")]
    public async Task PostgresLostMidStream_TheGatewayRecoversWithoutARestart_NothingLostOrDoubled_AllAcked(string outage)
    {
        if (!PostgresServer.IsInstalled)
        {
            Assert.Inconclusive("PostgreSQL 15 is not installed (test.sh installs it)");
        }

        const int Before = 20, During = 80;
        await using var server = await PostgresServer.StartAsync(durableCommits: true);
        var connectionString = await server.CreateDatabaseAsync("outage");
        var logs = new WriteFailureLog();
        string[] ids = ["gz-pg-0301", "gz-pg-0302", "gz-pg-0303"];
        var starter = GatewayHost.Starter().WithEmbeddedBroker().WithPostgres(connectionString)
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        foreach (var id in ids)
        {
            starter.WithStation(id, StationBench.StationPassword);
        }

        await using var gateway = await GatewayHost.StartAsync(starter);
        var stations = new List<TestStation>();
        try
        {
            foreach (var id in ids)
            {
                stations.Add(await TestStation.ConnectAsync(id, gateway.MqttPort));
            }

            await Task.WhenAll(stations.Select(s => SendAsync(s, Before)));
            foreach (var station in stations)
            {
                await station.WaitForAckAsync(station.Boot, Before);
            }

            List<Task> producers;
            if (outage == "restart")
            {
                // The stations go on publishing into the outage; the first batch after the crash is taken while the
                // server is down, with a station whose registry entry is not cached.
                gateway.Get<StationRegistry>().Forget(ids[0]);
                await server.KillAsync();
                producers = stations.Select(s => SendAsync(s, During)).ToList();
                await StationBench.WaitUntilAsync(() => Task.FromResult(logs.Count >= 1), "a failed write while the server is down");
                using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
                Assert.AreEqual(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready", TestContext.CancellationToken)).StatusCode, "not ready while the store is down");
                var health = await ActivatorUtilities.CreateInstance<Gateway.Operations.StorageHealthCheck>(gateway.Services).CheckHealthAsync(new(), TestContext.CancellationToken);
                Assert.Contains("store unreachable", health.Description!);
                await server.ResumeAsync();
            }
            else
            {
                producers = stations.Select(s => SendAsync(s, During)).ToList();
                for (var round = 1; round <= 3; round++)
                {
                    foreach (var station in stations)
                    {
                        await station.WaitForAckAsync(station.Boot, Before + round * 15); // mid-stream (the last at 65 of 100)
                    }

                    await using var admin = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
                    await admin.OpenAsync(TestContext.CancellationToken);
                    var killed = await admin.ExecuteScalarAsync<long>(
                        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) k");
                    Assert.IsGreaterThan(0L, killed, "the gateway's connections");
                }
            }

            await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken);
            foreach (var station in stations)
            {
                await station.WaitForAckAsync(station.Boot, Before + During);
            }

            Assert.IsGreaterThanOrEqualTo(1, logs.Count, "the writer met the outage");
            Assert.IsFalse(gateway.Get<BatchWriter>().ExecuteTask!.IsCompleted, "the writer is still running");
            var database = gateway.Get<StationDatabase>();
            foreach (var station in stations)
            {
                Assert.AreEqual(0, station.OutboxCount, station.StationId + ": everything acked");
                await using var c = await database.OpenAsync();
                var seqs = (await c.QueryAsync<long>("SELECT seq FROM messages WHERE station_id = @id AND boot = @boot ORDER BY seq", new { id = station.StationId, boot = station.Boot })).ToList();
                CollectionAssert.AreEqual(Enumerable.Range(1, Before + During).Select(i => (long)i).ToList(), seqs, station.StationId + ": every seq stored once");
                Assert.AreEqual((long)(Before + During), await c.ExecuteScalarAsync<long>("SELECT acked_seq FROM boot_acks WHERE station_id = @id", new { id = station.StationId }));
            }

            Assert.AreEqual(0L, await CountAsync(database, "SELECT COUNT(*) FROM dead_letters"), "no dead letters");
        }
        finally
        {
            foreach (var station in stations)
            {
                await station.DisposeAsync();
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> telemetry messages one after the other (each publish waits for its PUBACK, held until the message is durable).</summary>
    static async Task SendAsync(TestStation station, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var ts = BatchProjectionTests.StartMs + station.NextSeq * 60_000;
            try
            {
                await station.SendAsync("telemetry", Telemetry, ts);
            }
            catch (MqttCommunicationTimedOutException)
            {
                // The PUBACK is held longer than the client waits (the store is down): the broker has the message, the ack will come.
            }
        }
    }

    const string Telemetry =
        """{"v":1,"boot":"x","seq":0,"up":60000,"ts":0,"open":true,"cnt":{"vis":1,"l":0.5,"ses":0,"wh":0},"clim":[{"id":"probe1","t":24.5,"rh":55.2}],"door":[{"id":"door1","open":false}],"disp":[{"id":"water1","valve":false,"st":"ok"}],"out":[{"id":"ebike1","st":"idle","w":0}]}""";

    /// <summary>The uninterrupted run of <paramref name="stream"/> (random batches: the outcome does not depend on batching, <see cref="BatchProjectionTests"/>).</summary>
    static async Task<BatchProjectionTests.Outcome> ReferenceAsync(StorageKind kind, List<IncomingMessage> stream)
    {
        if (!References.TryGetValue(kind, out var reference))
        {
            var random = new Random(7);
            References[kind] = reference = await BatchProjectionTests.RunAsync(kind, "fail-reference", stream, _ => random.Next(1, 30));
        }

        return reference;
    }

    /// <summary>
    /// A test-only trigger on <paramref name="table"/> that fails inserts and updates while `chaos_flag` names the table
    /// (SQLite: `RAISE(ABORT)`, or with `:rollback` `RAISE(ROLLBACK)`, which ends the transaction as a full disk does;
    /// PostgreSQL: error 53100 disk_full, or with `:commit` a deferred constraint trigger that fails the COMMIT). With
    /// `:midway` only rows whose seq is a multiple of 5 fail, so a batch has applied its first messages in memory first.
    /// </summary>
    static async Task InstallFailureAsync(StationDatabase database, string table, string mode)
    {
        await using var c = await database.OpenAsync();
        if (database.Provider == StorageProvider.Sqlite)
        {
            await c.ExecuteAsync("CREATE TABLE chaos_flag (tbl TEXT NOT NULL)");
            foreach (var operation in new[] { "INSERT", "UPDATE" })
            {
                await c.ExecuteAsync(
                    $"""
                    CREATE TRIGGER chaos_{table}_{operation} BEFORE {operation} ON {table}
                    WHEN EXISTS (SELECT 1 FROM chaos_flag WHERE tbl = '{table}'){(mode == "midway" ? " AND NEW.seq % 5 = 0" : "")}
                    BEGIN SELECT RAISE({(mode == "rollback" ? "ROLLBACK" : "ABORT")}, 'injected failure: {table}'); END
                    """);
            }

            return;
        }

        await c.ExecuteAsync(
            """
            CREATE TABLE chaos_flag (tbl text NOT NULL);
            CREATE FUNCTION chaos_fail() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM chaos_flag WHERE tbl = TG_TABLE_NAME) AND (TG_NARGS = 0 OR (to_jsonb(NEW) ->> 'seq')::bigint % 5 = 0) THEN
                    RAISE EXCEPTION 'injected failure: %', TG_TABLE_NAME USING ERRCODE = 'disk_full';
                END IF;
                RETURN NEW;
            END $$;
            """);
        await c.ExecuteAsync(mode switch
        {
            "commit" => $"CREATE CONSTRAINT TRIGGER chaos_fail AFTER INSERT OR UPDATE ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chaos_fail()",
            "midway" => $"CREATE TRIGGER chaos_fail BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION chaos_fail('midway')",
            _ => $"CREATE TRIGGER chaos_fail BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION chaos_fail()",
        });
    }

    static async Task SetFailingAsync(StationDatabase database, string table, bool failing)
    {
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync(failing ? "INSERT INTO chaos_flag (tbl) VALUES (@table)" : "DELETE FROM chaos_flag", new { table });
    }

    static async Task<long> CountAsync(StationDatabase database, string sql)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    static async Task<Dictionary<(string Station, string Boot), long>> ReadAcksAsync(StationDatabase database)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<(string Station, string Boot, long Seq)>("SELECT station_id, boot, acked_seq FROM boot_acks"))
            .ToDictionary(r => (r.Station, r.Boot), r => r.Seq);
    }

    static async Task<List<string>> StoredKeysAsync(StationDatabase database)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<(string, string, long)>("SELECT station_id, boot, seq FROM messages")).Select(k => k.ToString()).ToList();
    }

    /// <summary>The distinct (station, boot, seq) of the sent telemetry, events and command results (statuses have no seq).</summary>
    static List<string> SentKeys(IEnumerable<IncomingMessage> sent) =>
        sent.Select(m => MessageValidator.Validate(m.Topic, m.Payload).Message!)
            .Where(m => m.Kind != StationMessageKind.Status)
            .Select(m => (m.StationId, m.Boot, m.Seq).ToString())
            .Distinct()
            .ToList();

    /// <summary>
    /// Stands in for the broker's ack delivery: at the moment each ack is published, checks in the store that every
    /// seq it covers (1..seq of its boot) is committed; records the highest ack per boot.
    /// </summary>
    sealed class CheckingLink(StationDatabase database) : IStationLink
    {
        readonly ConcurrentDictionary<(string Station, string Boot), long> highest = new();

        public ConcurrentQueue<string> Premature { get; } = new();

        public bool IsConnected => true;

        public long HighestAck(string station, string boot) => highest.TryGetValue((station, boot), out var seq) ? seq : 0;

        public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
        {
            if (!topic.EndsWith("/ack", StringComparison.Ordinal))
            {
                return;
            }

            var station = topic.Split('/')[2];
            var json = JsonNode.Parse(payload)!;
            var boot = json["boot"]!.GetValue<string>();
            var seq = json["seq"]!.GetValue<long>();
            await using (var c = await database.OpenAsync(cancellationToken))
            {
                var committed = await c.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM messages WHERE station_id = @station AND boot = @boot AND seq BETWEEN 1 AND @seq", new { station, boot, seq });
                if (committed != seq)
                {
                    Premature.Enqueue($"{station} boot {boot} acked up to {seq} with {committed} committed");
                }
            }

            highest.AddOrUpdate((station, boot), seq, (_, old) => Math.Max(old, seq));
        }
    }

    /// <summary>Counts the batch writer's "writing a batch failed" errors (each one failed attempt of a batch).</summary>
    sealed class WriteFailureLog : ILoggerProvider, ILogger
    {
        int count;

        public int Count => Volatile.Read(ref count);

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(BatchWriter).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && formatter(state, exception).StartsWith("Writing a batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }
        }

        public void Dispose()
        {
        }
    }
}
