using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Tests.Migrations;

[TestClass]
public sealed class SchemaMigratorTests
{
    [TestMethod]
    public async Task GatewaysStartingTogetherOnOneNewSqliteFileApplyEachMigrationOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stations-migrate-" + Guid.NewGuid().ToString("N")[..8]);
        var databases = Enumerable.Range(0, 4)
            .Select(_ => new StationDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite, DataFolder = folder })))
            .ToList();
        try
        {
            var versions = await Task.WhenAll(databases.Select(d =>
                Task.Run(() => new SchemaMigrator(d, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync())));
            Assert.AreEqual(1, versions.Distinct().Count(), "every starter ends at the same version: " + string.Join(", ", versions));

            await using var connection = await databases[0].OpenAsync();
            var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_version")).ToList();
            Assert.AreEqual(applied.Count, applied.Distinct().Count(), "each migration recorded once");
            Assert.IsTrue(applied.Contains(170), "the newest migration is applied");
        }
        finally
        {
            foreach (var database in databases)
            {
                database.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
