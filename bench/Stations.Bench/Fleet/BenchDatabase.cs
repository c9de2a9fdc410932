using Stations.Testing;

namespace Stations.Bench.Fleet;

/// <summary>
/// The store a fleet bench's gateway process uses: SQLite in its data folder (nothing to start), or a PostgreSQL
/// cluster of its own (the apt PostgreSQL that test.sh installs), started here and stopped when disposed.
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
        if (arguments.Choice("--storage", "sqlite", "sqlite", "postgres") == "sqlite")
        {
            return new BenchDatabase(null, null);
        }

        var server = await PostgresServer.StartAsync().ConfigureAwait(false);
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
