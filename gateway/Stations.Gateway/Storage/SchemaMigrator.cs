using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace Stations.Gateway.Storage;

/// <summary>
/// Applies the numbered SQL migrations of the active dialect (Storage/Migrations/{sqlite|postgres}/NNN_name.sql)
/// that are newer than the `schema_version` table says, each in its own transaction.
/// </summary>
public sealed class SchemaMigrator(StationDatabase database, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    /// <summary>The migrations shipped for <paramref name="provider"/>, in order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations(StorageProvider provider)
    {
        var folder = provider == StorageProvider.Postgres ? ".postgres." : ".sqlite.";
        var assembly = typeof(SchemaMigrator).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations" + folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var marker = ".Migrations" + folder;
            var file = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
            var version = int.Parse(file[..3], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((version, file, reader.ReadToEnd()));
        }

        return list.OrderBy(m => m.Item1).ToList();
    }

    /// <summary>Brings the schema up to date; returns the version now in force.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider == StorageProvider.Postgres)
        {
            // Several gateway instances may start together: one migrates, the others wait (released with the connection).
            await connection.ExecuteAsync("SELECT pg_advisory_lock(7391001)").ConfigureAwait(false);
        }

        try
        {
            return await ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (database.Provider == StorageProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(7391001)").ConfigureAwait(false);
            }
        }
    }

    async Task<int> ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)").ConfigureAwait(false);
        // Apply every shipped migration not yet recorded (not only those above the maximum): features number their
        // migrations in their own ranges (core 001-099, web 100+), so a lower number can ship after a higher one.
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_version").ConfigureAwait(false)).ToHashSet();
        var current = applied.Count == 0 ? 0 : (int)applied.Max();
        foreach (var (version, name, sql) in Migrations(database.Provider).Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // SQLite has no advisory lock: two gateways starting together on one new file both see the migration missing.
            // The transaction holds the write lock from its start (not deferred), so the second one, once it gets the
            // lock, finds the first one's row here and skips the migration.
            if (await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM schema_version WHERE version = @version", new { version = (long)version }, transaction).ConfigureAwait(false) > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                current = Math.Max(current, version);
                continue;
            }

            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_version (version, name, applied_at_ms) VALUES (@version, @name, @at)",
                new { version = (long)version, name, at = time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Applied schema migration {Version} {Name} ({Provider})", version, name, database.Provider);
            current = Math.Max(current, version);
        }

        return current;
    }
}
