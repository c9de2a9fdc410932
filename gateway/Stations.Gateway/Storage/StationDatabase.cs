using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Stations.Gateway.Storage;

/// <summary>Opens connections to the configured store (SQLite in WAL mode, or PostgreSQL) and names its SQL dialect.</summary>
public sealed class StationDatabase : IDisposable
{
    readonly string connectionString;
    readonly SemaphoreSlim writeTurns = new(1, 1);

    static StationDatabase() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
    readonly NpgsqlDataSource? postgres;

    /// <summary>Builds the connection factory from `Gateway:Storage`.</summary>
    public StationDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Provider = value.Provider;
        if (Provider == StorageProvider.Postgres)
        {
            connectionString = value.ConnectionString ?? throw new InvalidOperationException("Gateway:Storage:ConnectionString is required for Postgres.");
            postgres = CreatePostgresDataSource(connectionString);
        }
        else
        {
            var folder = Path.GetFullPath(value.DataFolder);
            Directory.CreateDirectory(folder);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(folder, "stations.db"),
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    /// <summary>
    /// Statements Npgsql keeps prepared per physical connection when the connection string does not say
    /// (`Max Auto Prepare`). Without it every Dapper call is parsed and planned again: on the P1 ingest bench planning
    /// took twice the execution time and the gateway wrote half as fast (docs/performance.md, "PostgreSQL ingest: diagnosis").
    /// </summary>
    internal const int DefaultMaxAutoPrepare = 100;

    /// <summary>
    /// The PostgreSQL data source: automatic preparation of statements that run repeatedly (a statement is prepared on
    /// its 5th use on a connection, Npgsql's default, and stays prepared across pool returns), unless the connection
    /// string sets `Max Auto Prepare` itself (0 turns it off, e.g. behind a PgBouncer in transaction mode older than 1.21).
    /// </summary>
    internal static NpgsqlDataSource CreatePostgresDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.Build();
    }

    /// <summary>The engine behind this store.</summary>
    public StorageProvider Provider { get; }

    /// <summary>Opens a connection (SQLite: WAL, synchronous FULL, busy timeout).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (postgres != null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // WAL lets readers (web UI, rollups) run while the batch writer commits. FULL, not NORMAL: a commit the gateway
        // acks must survive power loss too (the station deletes acked records); NORMAL in WAL mode only survives a
        // process crash. The cost is one fsync per batch commit, not per message.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Waits for this process's turn to run a bulk write transaction (ingestion batches, rollup recomputes), first come
    /// first served. Without it a run of thousands of short rollup transactions keeps SQLite's write lock busy and the
    /// batch writer, backing off in SQLite's busy handler, waits seconds for a gap (docs/performance.md, Fleet).
    /// </summary>
    public async Task<WriteTurn> TakeWriteTurnAsync(CancellationToken cancellationToken = default)
    {
        await writeTurns.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(writeTurns);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        postgres?.Dispose();
        writeTurns.Dispose();
    }

    /// <summary>A taken write turn; disposing it lets the next writer in.</summary>
    public sealed class WriteTurn(SemaphoreSlim turns) : IDisposable
    {
        int released;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
