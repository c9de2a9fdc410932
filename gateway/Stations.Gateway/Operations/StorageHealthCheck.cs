using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Operations;

/// <summary>Ready when the store answers and the schema is migrated.</summary>
public sealed class StorageHealthCheck(StationDatabase database) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var version = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(version), 0) FROM schema_version").ConfigureAwait(false);
            return version > 0 ? HealthCheckResult.Healthy($"schema v{version}") : HealthCheckResult.Unhealthy("schema not migrated");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("store unreachable: " + e.Message);
        }
    }
}
