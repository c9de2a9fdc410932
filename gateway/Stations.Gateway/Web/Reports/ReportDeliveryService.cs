using Stations.Gateway.Operations;

namespace Stations.Gateway.Web.Reports;

/// <summary>
/// Hosted service: every minute runs the report schedules and mails due deliveries (<see cref="ReportDeliveryRunner"/>),
/// on the one gateway instance holding the <see cref="LeaseName"/> lease (<see cref="JobLeases"/>): two instances both
/// running it would each queue and mail every report, so a union office would get each one twice.
/// </summary>
public sealed partial class ReportDeliveryService(ReportDeliveryRunner runner, JobLeases leases, TimeProvider time, ILogger<ReportDeliveryService> logger) : BackgroundService
{
    /// <summary>The job's lease in <c>job_leases</c>.</summary>
    public const string LeaseName = "report-delivery";

    // Passes of this instance never overlap either (a test or tool may call RunPassAsync beside the timer).
    readonly SemaphoreSlim passes = new(1, 1);

    /// <summary>One pass when this instance holds the lease: queues due schedules and mails due deliveries. False when another instance holds it.</summary>
    public async Task<bool> RunPassAsync(CancellationToken cancellationToken = default)
    {
        await passes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await leases.RunIfHeldAsync(LeaseName, runner.RunOnceAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            passes.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep running: the outbox keeps every queued report, the next pass retries.
                LogPassFailed(logger, e);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        passes.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Report delivery pass failed")]
    static partial void LogPassFailed(ILogger logger, Exception exception);
}
