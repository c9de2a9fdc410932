using System.Globalization;
using Cronos;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;

namespace Stations.Ratings.Delivery;

/// <summary>
/// Runs union offices' report schedules: when a schedule's cron time has passed, it rates the office's region for the
/// schedule's period, renders the formats and queues a mail in the outbox. The gateway calls <see cref="RunDueAsync"/>
/// and <see cref="ReportMailer.SendDueAsync"/> every minute or so.
/// </summary>
public sealed class ReportScheduler
{
    private readonly IReadOnlyList<(ReportSchedule Schedule, CronExpression Cron, TimeZoneInfo Zone)> schedules;
    private readonly RatingService ratings;
    private readonly ReportOutbox outbox;
    private readonly TimeProvider time;

    /// <summary>Creates the scheduler; throws naming the schedule when a cron expression, time zone or address is invalid.</summary>
    public ReportScheduler(IEnumerable<ReportSchedule> schedules, RatingService ratings, ReportOutbox outbox, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(time);
        var list = new List<(ReportSchedule, CronExpression, TimeZoneInfo)>();
        foreach (var s in schedules)
        {
            CronExpression cron;
            TimeZoneInfo zone;
            try
            {
                cron = CronExpression.Parse(s.Cron);
            }
            catch (CronFormatException e)
            {
                throw new ArgumentException($"Report schedule '{s.Id}': cron \"{s.Cron}\" is invalid ({e.Message}); use five fields, e.g. \"0 8 1 * *\" for 08:00 on the 1st of each month.", nameof(schedules), e);
            }

            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone);
            }
            catch (TimeZoneNotFoundException e)
            {
                throw new ArgumentException($"Report schedule '{s.Id}': time zone \"{s.TimeZone}\" is unknown; use an IANA name such as \"Asia/Shanghai\".", nameof(schedules), e);
            }

            if (s.Recipients.Count == 0 || s.Recipients.Any(r => !MimeKit.MailboxAddress.TryParse(r, out _)))
            {
                throw new ArgumentException($"Report schedule '{s.Id}': recipients [{string.Join(", ", s.Recipients)}] must be one or more valid mail addresses.", nameof(schedules));
            }

            list.Add((s, cron, zone));
        }

        this.schedules = list;
        this.ratings = ratings;
        this.outbox = outbox;
        this.time = time;
    }

    /// <summary>The next time any schedule is due (for the host's timer), or null without schedules.</summary>
    public DateTimeOffset? NextDue()
    {
        var state = outbox.ReadScheduleState();
        var now = time.GetUtcNow();
        return schedules
            .Select(s => s.Cron.GetNextOccurrence(state.GetValueOrDefault(s.Schedule.Id, now), s.Zone))
            .Where(d => d is not null)
            .Min();
    }

    /// <summary>Queues the reports of every schedule whose time has come; returns the deliveries created.</summary>
    /// <remarks>A schedule seen for the first time starts from now (no back-filling); after a long outage each
    /// schedule runs once, for its latest missed time.</remarks>
    public async Task<IReadOnlyList<ReportDelivery>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var state = outbox.ReadScheduleState();
        var now = time.GetUtcNow();
        var created = new List<ReportDelivery>();
        foreach (var (schedule, cron, zone) in schedules)
        {
            if (!state.TryGetValue(schedule.Id, out var last))
            {
                state[schedule.Id] = now;
                outbox.WriteScheduleState(state);
                continue;
            }

            var due = cron.GetOccurrences(last, now, zone, fromInclusive: false, toInclusive: true).LastOrDefault();
            if (due == default)
            {
                continue;
            }

            var id = schedule.Id + "-" + due.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
            if (!outbox.Contains(id))
            {
                created.Add(await QueueAsync(schedule, id, due, zone, cancellationToken).ConfigureAwait(false));
            }

            state[schedule.Id] = due;
            outbox.WriteScheduleState(state);
        }

        return created;
    }

    /// <summary>Builds and queues one report now, outside any schedule (e.g. "send me last month's report").</summary>
    public Task<ReportDelivery> QueueNowAsync(ReportSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var now = time.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var id = schedule.Id + "-manual-" + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return QueueAsync(schedule, id, now, zone, cancellationToken);
    }

    /// <summary>The period a run at <paramref name="localDay"/> covers.</summary>
    public static RatingPeriod PeriodFor(ReportPeriodKind kind, DateOnly localDay) => kind switch
    {
        ReportPeriodKind.PreviousMonth => RatingPeriod.Month(localDay.AddMonths(-1).Year, localDay.AddMonths(-1).Month),
        ReportPeriodKind.PreviousWeek => RatingPeriod.Between(localDay.AddDays(-7), localDay.AddDays(-1)),
        _ => RatingPeriod.Between(localDay.AddDays(-1), localDay.AddDays(-1)),
    };

    private async Task<ReportDelivery> QueueAsync(ReportSchedule schedule, string id, DateTimeOffset due, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime);
        var period = PeriodFor(schedule.Period, localDay);
        var culture = CultureInfo.GetCultureInfo(schedule.Culture);
        var report = await ratings.BuildReportAsync(schedule.OfficeName, schedule.Scope, period, culture, cancellationToken).ConfigureAwait(false);
        var files = schedule.Formats.Distinct().Select(f => RatingService.Render(report, f)).ToList();
        var text = report.Text;
        var now = time.GetUtcNow();
        var delivery = new ReportDelivery
        {
            Id = id,
            ScheduleId = schedule.Id,
            Recipients = schedule.Recipients,
            Subject = text.Format("MailSubject", schedule.OfficeName, period),
            Body = text.Format("MailBody", schedule.OfficeName, schedule.Scope.DisplayName(text["AllRegions"]), period),
            Attachments = files.Select(f => f.FileName).ToList(),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        outbox.Add(delivery, files);
        return delivery;
    }
}
