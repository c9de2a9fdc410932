using Dapper;
using Microsoft.Extensions.Options;
using Stations.Gateway.Alarms;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>Marks stations offline (and raises `station.offline`) when nothing arrived within the inactivity timeout, even without a will.</summary>
public sealed class PresenceMonitor(StationDatabase database, IOptions<StateOptions> options, TimeProvider time, ILogger<PresenceMonitor> logger) : BackgroundService
{
    /// <summary>Checks once; returns the stations just marked offline.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - options.Value.OfflineAfterSeconds * 1000L;
        // Same turn as the batch writer: a batch loads its stations' state once and writes it back at the end.
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var silent = (await connection.QueryAsync<string>(
            "SELECT station_id FROM station_state WHERE online = 1 AND last_seen_ms < @cutoff", new { cutoff }, transaction).ConfigureAwait(false)).ToList();
        var db = new DbSession(connection, transaction);
        var marked = new List<string>();
        foreach (var stationId in silent)
        {
            // Re-checked in the update: on PostgreSQL another instance's batch may have heard from the station since the read.
            if (await connection.ExecuteAsync(
                "UPDATE station_state SET online = 0, offline_reason = 'timeout', version = version + 1 WHERE station_id = @stationId AND online = 1 AND last_seen_ms < @cutoff",
                new { stationId, cutoff }, transaction).ConfigureAwait(false) == 0)
            {
                continue;
            }

            marked.Add(stationId);
            await AlarmBook.RaiseAsync(db, stationId, AlarmCodes.StationOffline, "", "warn", "gateway", $"no message for {options.Value.OfflineAfterSeconds} s", now).ConfigureAwait(false);
            logger.LogWarning("Station {StationId} silent for {Seconds} s: marked offline", stationId, options.Value.OfflineAfterSeconds);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return marked;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PresenceCheckSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Presence check failed; retrying next period");
            }
        }
    }
}
