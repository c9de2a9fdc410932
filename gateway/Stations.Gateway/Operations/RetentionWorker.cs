using Dapper;
using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Operations;

/// <summary>
/// Deletes raw messages and dead letters older than `Gateway:Storage:RawRetentionDays` (rollups are kept), once an hour,
/// on the one gateway instance holding the <see cref="LeaseName"/> lease (<see cref="JobLeases"/>): the deletes are
/// idempotent, so a second instance would only repeat them, scanning and locking the same rows.
/// </summary>
public sealed class RetentionWorker(StationDatabase database, JobLeases leases, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    /// <summary>The job's lease in <c>job_leases</c>.</summary>
    public const string LeaseName = "retention";

    /// <summary>One pass when this instance holds the lease (<see cref="PurgeAsync"/>); false when another instance holds it.</summary>
    public Task<bool> RunPassAsync(CancellationToken cancellationToken = default) => leases.RunIfHeldAsync(LeaseName, PurgeAsync, cancellationToken);

    /// <summary>Deletes what is past retention now; returns the number of rows deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RawRetentionDays;
        if (days == 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync("DELETE FROM messages WHERE received_at_ms < @cutoff", new { cutoff }).ConfigureAwait(false);
        deleted += await connection.ExecuteAsync("DELETE FROM dead_letters WHERE received_at_ms < @cutoff", new { cutoff }).ConfigureAwait(false);
        if (deleted > 0)
        {
            logger.LogInformation("Retention: deleted {Count} raw rows older than {Days} days", deleted, days);
        }

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Retention purge failed; retrying next hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
