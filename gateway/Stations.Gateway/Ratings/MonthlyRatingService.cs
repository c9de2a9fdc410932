using Microsoft.Extensions.Options;
using Stations.Gateway.Operations;
using Stations.Gateway.Stations;
using Stations.Gateway.Web.Localization;

namespace Stations.Gateway.Ratings;

/// <summary>
/// The monthly job: once the stations' month is over (from <see cref="RatingOptions.RunFromLocalHour"/> on the 1st), rates
/// it unless it was rated already for every station registered now (stations added later get the month on the next check).
/// Its checks run on the one gateway instance holding the <see cref="LeaseName"/> lease (<paramref name="leases"/>): a
/// re-run replaces the same ratings, so a second instance would only repeat a month's heavy rating work.
/// </summary>
/// <param name="leases">The gateway's job leases; null only in a host that registers none (e.g. the ratings tests), where every check runs.</param>
public sealed partial class MonthlyRatingService(MonthlyRatingRunner runner, StoredRatingStore store, StationRegistry registry, IOptions<RatingOptions> options, TimeProvider time, ILogger<MonthlyRatingService> logger, JobLeases? leases = null) : BackgroundService
{
    /// <summary>Who the job's runs are recorded as.</summary>
    public const string JobName = "monthly-job";

    /// <summary>The job's lease in <c>job_leases</c>.</summary>
    public const string LeaseName = "monthly-ratings";

    /// <summary>One check when this instance holds the lease (<see cref="RunDueAsync"/>); false when another instance holds it.</summary>
    public async Task<bool> RunPassAsync(CancellationToken cancellationToken = default)
    {
        if (leases != null)
        {
            return await leases.RunIfHeldAsync(LeaseName, RunDueAsync, cancellationToken).ConfigureAwait(false);
        }

        await RunDueAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>One check: rates the previous month if it is due and not yet rated; returns the month rated, or null.</summary>
    public async Task<RatingRunSummary?> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var zone = StationTime.Zone(o.TimeZone);
        var localNow = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        if (localNow.Day == 1 && localNow.Hour < o.RunFromLocalHour)
        {
            return null;
        }

        var period = runner.PreviousMonth();
        var rated = await store.RunStationsAsync(period, cancellationToken).ConfigureAwait(false);
        if (rated is { } count && count >= (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).Count)
        {
            return null;
        }

        return await runner.RateMonthAsync(period.From.Year, period.From.Month, JobName, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MonthlyJobEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.CheckIntervalMinutes)), time);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next check retries; a failed month is not recorded as rated.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monthly rating failed; retrying at the next check")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
