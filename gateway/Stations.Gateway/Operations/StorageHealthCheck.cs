using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Operations;

/// <summary>Ready when the store answers, the schema is migrated and the batch writer's writes succeed.</summary>
public sealed class StorageHealthCheck(StationDatabase database, BatchWriter writer) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var version = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(version), 0) FROM schema_version").ConfigureAwait(false);
            if (version == 0)
            {
                return HealthCheckResult.Unhealthy("schema not migrated");
            }

            return writer.Failing is { } failing ? HealthCheckResult.Unhealthy(failing) : HealthCheckResult.Healthy($"schema v{version}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("store unreachable: " + e.Message);
        }
    }
}
