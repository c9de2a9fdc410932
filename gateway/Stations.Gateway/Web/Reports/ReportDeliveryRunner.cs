using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Delivery;

namespace Stations.Gateway.Web.Reports;

/// <summary>One pass of scheduled reports: queue the due schedules in the outbox, then mail due deliveries (when SMTP is configured).</summary>
public sealed partial class ReportDeliveryRunner
{
    readonly ReportScheduleStore schedules;
    readonly RegionStore regions;
    readonly UnionReports reports;
    readonly ReportSmtpOptions smtp;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly IMailSender? sender;

    /// <summary>Creates the runner; the outbox is <see cref="ReportOptions.OutboxFolder"/> inside the storage data folder.</summary>
    public ReportDeliveryRunner(ReportScheduleStore schedules, RegionStore regions, UnionReports reports, IOptions<ReportOptions> options, IOptions<StorageOptions> storage, TimeProvider time, ILogger<ReportDeliveryRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        this.schedules = schedules;
        this.regions = regions;
        this.reports = reports;
        this.time = time;
        this.logger = logger;
        smtp = options.Value.Smtp;
        Outbox = new ReportOutbox(Path.Combine(storage.Value.DataFolder, options.Value.OutboxFolder));
        sender = smtp.IsConfigured ? new SmtpMailSender(smtp.ToSmtpOptions()) : null;
    }

    /// <summary>The outbox (files and delivery records).</summary>
    public ReportOutbox Outbox { get; }

    /// <summary>False when no SMTP server is configured: reports are only written to the outbox.</summary>
    public bool SmtpConfigured => sender != null;

    /// <summary>Queues every due schedule and mails due deliveries; returns the deliveries after this pass.</summary>
    public async Task<IReadOnlyList<ReportDelivery>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var all = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<ReportSchedule>();
        foreach (var stored in await schedules.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                due.Add(ReportScheduleStore.ToDeliverySchedule(stored, UnionReports.ScopeOf(all, stored.RegionId)));
            }
            catch (ArgumentException e)
            {
                // One broken row must not stop the other offices' reports.
                Log.InvalidSchedule(logger, stored.ScheduleId, e.Message);
            }
        }

        var service = await reports.ServiceForAsync(null, cancellationToken).ConfigureAwait(false);
        await new ReportScheduler(due, service, Outbox, time).RunDueAsync(cancellationToken).ConfigureAwait(false);
        return sender is null
            ? Outbox.List()
            : await new ReportMailer(Outbox, sender, smtp.ToSmtpOptions(), time).SendDueAsync(cancellationToken).ConfigureAwait(false);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Report schedule {ScheduleId} skipped: {Problem}")]
        public static partial void InvalidSchedule(ILogger logger, long scheduleId, string problem);
    }
}
