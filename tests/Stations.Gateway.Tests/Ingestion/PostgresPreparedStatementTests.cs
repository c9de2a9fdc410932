using Dapper;
using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;
using Stations.Testing;

namespace Stations.Gateway.Tests.Ingestion;

/// <summary>
/// The PostgreSQL data source prepares statements that run repeatedly (Npgsql auto-prepare), so the per-message
/// statements of ingestion are not parsed and planned again on every call; an explicit `Max Auto Prepare` wins.
/// </summary>
[TestClass]
public sealed class PostgresPreparedStatementTests
{
    const string Repeated = "SELECT @n::bigint + 1 AS prepared_statement_probe";

    [TestMethod]
    public async Task AStatementRunRepeatedlyIsPreparedOnItsConnection()
    {
        var server = await PostgresServer.SharedAsync();
        using var database = Open(await server.CreateDatabaseAsync("autoprep"));

        Assert.AreEqual(1, await PreparedProbesAfterRepeatingAsync(database));
    }

    [TestMethod]
    public async Task AnExplicitMaxAutoPrepareOfZeroIsRespected()
    {
        var server = await PostgresServer.SharedAsync();
        using var database = Open(await server.CreateDatabaseAsync("noautoprep") + ";Max Auto Prepare=0");

        Assert.AreEqual(0, await PreparedProbesAfterRepeatingAsync(database));
    }

    static StationDatabase Open(string connectionString) =>
        new(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }));

    static async Task<long> PreparedProbesAfterRepeatingAsync(StationDatabase database)
    {
        await using var connection = await database.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.AreEqual(i + 1L, await connection.ExecuteScalarAsync<long>(Repeated, new { n = (long)i }));
        }

        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%prepared_statement_probe%' AND statement NOT LIKE '%pg_prepared_statements%'");
    }
}
