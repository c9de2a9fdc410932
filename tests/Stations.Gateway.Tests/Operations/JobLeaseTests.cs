using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stations.Gateway.Operations;
using Stations.Gateway.Storage;
using Stations.Gateway.Tests.Support;
using Stations.Testing;

namespace Stations.Gateway.Tests.Operations;

/// <summary>The job lease on one store shared by several instances: take, renew, refuse while held, take over after expiry, release, races.</summary>
[TestClass]
public sealed class JobLeaseTests
{
    static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task TakeRenewRefuseAndTakeOverAfterExpiry(StorageKind kind)
    {
        await using var store = await LeaseStore.CreateAsync(kind, "lease-basic");
        var clock = new ManualTimeProvider(Start);
        var logA = new ListLogger();
        var logB = new ListLogger();
        var a = store.Leases("gw-a", clock, 60, logA);
        var b = store.Leases("gw-b", clock, 60, logB);

        Assert.IsTrue(await a.TryHoldAsync("reports"), "a free lease is taken");
        Assert.IsTrue(a.Holds("reports"));
        Assert.AreEqual(new JobLease("reports", "gw-a", Start.AddSeconds(60)), (await a.ListAsync()).Single());
        Assert.IsFalse(await b.TryHoldAsync("reports"), "refused while another instance holds it");
        Assert.IsFalse(b.Holds("reports"));
        Assert.IsTrue(await b.TryHoldAsync("rollups"), "each job has its own lease");

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.IsTrue(await a.TryHoldAsync("reports"), "the holder renews");
        Assert.AreEqual(Start.AddSeconds(119), (await a.ListAsync()).Single(l => l.Job == "reports").ExpiresAt, "renewed for a full lease from now");
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.IsFalse(await b.TryHoldAsync("reports"), "still held: renewed a minute ago");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.IsTrue(await b.TryHoldAsync("reports"), "taken over once expired");
        Assert.AreEqual("gw-b", (await b.ListAsync()).Single(l => l.Job == "reports").Holder);
        Assert.IsFalse(await a.TryHoldAsync("reports"), "the former holder is refused now");
        Assert.IsFalse(a.Holds("reports"));

        // Taking over, standing by and losing a lease are logged (Information for the first two).
        Assert.IsTrue(logA.Has(LogLevel.Information, "took the reports lease"), logA.Text);
        Assert.IsTrue(logB.Has(LogLevel.Information, "gw-b stands by for reports: instance gw-a holds the lease"), logB.Text);
        Assert.IsTrue(logB.Has(LogLevel.Information, "gw-b took the reports lease"), logB.Text);
        Assert.IsTrue(logA.Has(LogLevel.Warning, "gw-a gave up reports: instance gw-b took the lease over"), logA.Text);
        Assert.AreEqual(1, logB.Count("stands by"), "standing by is logged once, not at every pass: " + logB.Text);
    }

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task TheHeartbeatRenewsHeldLeasesAndReleaseHandsThemOverAtOnce(StorageKind kind)
    {
        await using var store = await LeaseStore.CreateAsync(kind, "lease-release");
        var clock = new ManualTimeProvider(Start);
        var log = new ListLogger();
        var a = store.Leases("gw-a", clock, 60, log);
        var b = store.Leases("gw-b", clock, 60);
        Assert.IsTrue(await a.TryHoldAsync("retention"));
        Assert.IsTrue(await a.TryHoldAsync("rollups"));

        // A job that passes once an hour keeps its lease between passes: the heartbeat renews every held lease.
        for (var beat = 0; beat < 10; beat++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await a.RenewHeldAsync();
        }

        Assert.IsFalse(await b.TryHoldAsync("retention"), "renewed by the heartbeat, so still held after 200 s of a 60 s lease");
        Assert.AreEqual(clock.GetUtcNow().AddSeconds(60), (await a.ListAsync()).Single(l => l.Job == "retention").ExpiresAt);

        // A graceful stop deletes the rows: the other instance takes over at its next pass, without waiting for expiry.
        await a.ReleaseAllAsync();
        Assert.IsFalse(a.Holds("retention"));
        Assert.IsTrue(await b.TryHoldAsync("retention"));
        Assert.IsTrue(await b.TryHoldAsync("rollups"));
        Assert.IsTrue(log.Has(LogLevel.Information, "gw-a released the retention lease"), log.Text);
        CollectionAssert.AreEquivalent(new[] { "gw-b" }, (await b.ListAsync()).Select(l => l.Holder).Distinct().ToArray());
        await a.ReleaseAllAsync();
        Assert.AreEqual(2, (await b.ListAsync()).Count, "releasing what another instance holds deletes nothing");
    }

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task InstancesRacingForOneLeaseGetExactlyOneHolder(StorageKind kind)
    {
        await using var store = await LeaseStore.CreateAsync(kind, "lease-race");
        var clock = new ManualTimeProvider(Start);
        // Each contender on its own connection factory, as separate processes would be.
        var contenders = Enumerable.Range(0, 6).Select(i => store.Leases("gw-" + i, clock, 60, separateDatabase: true)).ToList();
        for (var round = 0; round < 8; round++)
        {
            var taken = await Task.WhenAll(contenders.Select(c => Task.Run(() => c.TryHoldAsync("reports"))));
            Assert.AreEqual(1, taken.Count(t => t), $"round {round}: exactly one contender takes the lease");
            var winner = contenders[Array.IndexOf(taken, true)];
            Assert.AreEqual(winner.Instance, (await winner.ListAsync()).Single().Holder);

            // While it is held, racing again changes nothing: only the holder renews.
            clock.Advance(TimeSpan.FromSeconds(30));
            taken = await Task.WhenAll(contenders.Select(c => Task.Run(() => c.TryHoldAsync("reports"))));
            CollectionAssert.AreEqual(contenders.Select(c => c == winner).ToArray(), taken, $"round {round}: only the holder renews");

            // The holder "crashes": the next round races for the expired lease.
            clock.Advance(TimeSpan.FromSeconds(60));
        }
    }

    [TestMethod]
    public async Task HeldLeasesAreReportedAsAGaugeOnTheGatewayMeter()
    {
        await using var store = await LeaseStore.CreateAsync(StorageKind.Sqlite, "lease-metric");
        var clock = new ManualTimeProvider(Start);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var a = new JobLeases(store.Database, Options("gw-a", 60), clock, NullLogger<JobLeases>.Instance, services.GetRequiredService<IMeterFactory>());
        var b = store.Leases("gw-b", clock, 60);
        Assert.IsTrue(await b.TryHoldAsync("reports"));
        Assert.IsTrue(await a.TryHoldAsync("rollups"));
        Assert.IsFalse(await a.TryHoldAsync("reports"));

        var seen = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name == "stations_job_leases_held")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => seen[(string)tags.ToArray().Single(t => t.Key == "job").Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.AreEqual(1, seen["rollups"]);
        Assert.AreEqual(0, seen["reports"], "0: another instance runs it");
    }

    [TestMethod]
    public void SettingsOutOfRangeNameTheFix()
    {
        StringAssert.Contains(new JobLeaseOptions { LeaseSeconds = 5 }.Problem(), "Gateway:Jobs:LeaseSeconds is 5");
        StringAssert.Contains(new JobLeaseOptions { InstanceId = " " }.Problem(), "Gateway:InstanceId");
        Assert.IsNull(new JobLeaseOptions().Problem());
        Assert.AreNotEqual(new JobLeaseOptions().InstanceId, new JobLeaseOptions().InstanceId, "two gateways in one process get different default ids");
        StringAssert.StartsWith(new JobLeaseOptions().InstanceId, Environment.MachineName.ToLowerInvariant() + "-" + Environment.ProcessId + "-");
    }

    static IOptions<JobLeaseOptions> Options(string instance, int leaseSeconds) =>
        Microsoft.Extensions.Options.Options.Create(new JobLeaseOptions { InstanceId = instance, LeaseSeconds = leaseSeconds });

    /// <summary>A migrated store (fresh SQLite folder or PostgreSQL database) and the lease services made on it.</summary>
    sealed class LeaseStore : IAsyncDisposable
    {
        readonly StorageOptions options;
        readonly List<StationDatabase> databases = [];

        LeaseStore(StorageOptions options)
        {
            this.options = options;
            Database = Open();
        }

        public StationDatabase Database { get; }

        public static async Task<LeaseStore> CreateAsync(StorageKind kind, string name)
        {
            var settings = await GatewayHost.StorageSettingsAsync(kind, name);
            var store = new LeaseStore(new StorageOptions
            {
                Provider = Enum.Parse<StorageProvider>(settings["Gateway:Storage:Provider"]!),
                DataFolder = settings.GetValueOrDefault("Gateway:Storage:DataFolder") ?? "data",
                ConnectionString = settings.GetValueOrDefault("Gateway:Storage:ConnectionString"),
            });
            await new SchemaMigrator(store.Database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            return store;
        }

        public JobLeases Leases(string instance, TimeProvider clock, int leaseSeconds, ILogger<JobLeases>? logger = null, bool separateDatabase = false) =>
            new(separateDatabase ? Open() : Database, JobLeaseTests.Options(instance, leaseSeconds), clock, logger ?? NullLogger<JobLeases>.Instance);

        StationDatabase Open()
        {
            var database = new StationDatabase(Microsoft.Extensions.Options.Options.Create(options));
            databases.Add(database);
            return database;
        }

        public ValueTask DisposeAsync()
        {
            foreach (var database in databases)
            {
                database.Dispose();
            }

            if (options.Provider == StorageProvider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(options.DataFolder, recursive: true);
                }
                catch (IOException)
                {
                    // a leftover temp folder is harmless
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Keeps what was logged, to check the take-over and stand-by messages.</summary>
    sealed class ListLogger : ILogger<JobLeases>
    {
        readonly List<(LogLevel Level, string Message)> entries = [];

        public string Text
        {
            get
            {
                lock (entries)
                {
                    return string.Join(Environment.NewLine, entries.Select(e => e.Level + ": " + e.Message));
                }
            }
        }

        public bool Has(LogLevel level, string text)
        {
            lock (entries)
            {
                return entries.Any(e => e.Level == level && e.Message.Contains(text, StringComparison.Ordinal));
            }
        }

        public int Count(string text)
        {
            lock (entries)
            {
                return entries.Count(e => e.Message.Contains(text, StringComparison.Ordinal));
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
