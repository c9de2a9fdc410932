using Microsoft.Extensions.Options;
using Stations.Gateway.Operations;

namespace Stations.Gateway.Rollups;

/// <summary>
/// Recomputes dirty station-days on a fixed period, on the one gateway instance holding the <see cref="LeaseName"/> lease
/// (<see cref="JobLeases"/>): two instances recomputing the same day at once waste the work and, on PostgreSQL, collide
/// on the rollup keys (one transaction fails and the day is recomputed again).
/// </summary>
public sealed class RollupWorker(RollupService rollups, JobLeases leases, IOptions<RollupOptions> options, ILogger<RollupWorker> logger) : BackgroundService
{
    /// <summary>The job's lease in <c>job_leases</c>.</summary>
    public const string LeaseName = "rollups";

    /// <summary>One pass when this instance holds the lease: recomputes the dirty days. False when another instance holds it.</summary>
    public Task<bool> RunPassAsync(CancellationToken cancellationToken = default) => leases.RunIfHeldAsync(LeaseName, rollups.RecomputeDirtyAsync, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RecomputeEverySeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recomputing rollups failed; retrying next period");
            }
        }
    }
}
