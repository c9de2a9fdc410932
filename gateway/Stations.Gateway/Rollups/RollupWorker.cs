using Microsoft.Extensions.Options;

namespace Stations.Gateway.Rollups;

/// <summary>Recomputes dirty station-days on a fixed period.</summary>
public sealed class RollupWorker(RollupService rollups, IOptions<RollupOptions> options, ILogger<RollupWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RecomputeEverySeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await rollups.RecomputeDirtyAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Recomputing rollups failed; retrying next period");
            }
        }
    }
}
