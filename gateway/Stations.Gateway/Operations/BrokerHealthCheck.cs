using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stations.Gateway.Broker;

namespace Stations.Gateway.Operations;

/// <summary>Ready when the embedded broker listens or the external broker is connected.</summary>
public sealed class BrokerHealthCheck(IStationLink link) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(link.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("broker not connected"));
}
