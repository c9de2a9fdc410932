using Stations.Testing;

namespace Stations.Bench.Fleet;

/// <summary>
/// The store a fleet bench's gateway process uses: SQLite in its data folder (nothing to start), or a PostgreSQL
/// cluster of its own (the apt PostgreSQL that test.sh installs), crash-safe as in production (fsync, full-page writes
/// and synchronous commit on, unlike the test suite's cluster), started here and stopped when disposed.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    readonly PostgresServer? server;

    BenchDatabase(PostgresServer? server, string? connectionString)
    {
        this.server = server;
        PostgresConnectionString = connectionString;
    }

    /// <summary>The empty PostgreSQL database to give the gateway, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Name => server == null ? "sqlite" : "postgres";

    /// <summary>The `--storage sqlite|postgres` option (default sqlite).</summary>
    public static async Task<BenchDatabase> FromArgumentsAsync(BenchArguments arguments, string prefix)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return await StartAsync(arguments.Choice("--storage", "sqlite", "sqlite", "postgres"), prefix).ConfigureAwait(false);
    }

    /// <summary>Nothing for "sqlite"; a crash-safe cluster of its own with an empty database for "postgres".</summary>
    public static async Task<BenchDatabase> StartAsync(string storage, string prefix)
    {
        if (storage != "postgres")
        {
            return new BenchDatabase(null, null);
        }

        var server = await PostgresServer.StartAsync(crashSafe: true).ConfigureAwait(false);
        return new BenchDatabase(server, await server.CreateDatabaseAsync(prefix).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (server != null)
        {
            await server.StopAsync().ConfigureAwait(false);
        }
    }
}
