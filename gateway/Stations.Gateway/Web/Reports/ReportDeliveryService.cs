namespace Stations.Gateway.Web.Reports;

/// <summary>Hosted service: every minute runs the report schedules and mails due deliveries (<see cref="ReportDeliveryRunner"/>).</summary>
public sealed partial class ReportDeliveryService(ReportDeliveryRunner runner, TimeProvider time, ILogger<ReportDeliveryService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await runner.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep running: the outbox keeps every queued report, the next pass retries.
                LogPassFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Report delivery pass failed")]
    static partial void LogPassFailed(ILogger logger, Exception exception);
}
