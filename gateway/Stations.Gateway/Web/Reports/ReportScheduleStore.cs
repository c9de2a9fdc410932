using Cronos;
using Dapper;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Delivery;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Web.Reports;

/// <summary>Creates, lists and deletes report schedules (table <c>report_schedules</c>), validating each before it is stored.</summary>
public sealed class ReportScheduleStore(StationDatabase database, RegionStore regions, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>Every schedule, oldest first.</summary>
    public async Task<IReadOnlyList<StoredReportSchedule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<StoredReportSchedule>(new CommandDefinition("SELECT * FROM report_schedules ORDER BY schedule_id", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Stores a schedule; throws <see cref="ArgumentException"/> naming the bad field and its fix.</summary>
    public async Task<long> CreateAsync(StoredReportSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var all = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var region = all.FirstOrDefault(r => r.RegionId == schedule.RegionId)
            ?? throw new ArgumentException(l["Schedules_NoRegion", schedule.RegionId]);
        if (string.IsNullOrWhiteSpace(schedule.OfficeName))
        {
            schedule.OfficeName = string.IsNullOrWhiteSpace(region.UnionOffice) ? region.Name : region.UnionOffice;
        }

        schedule.Recipients = string.Join(",", SplitList(schedule.Recipients));
        schedule.Format = string.Join(",", SplitList(schedule.Format).Select(f => f.ToLowerInvariant()));
        ToDeliverySchedule(schedule, UnionReports.ScopeOf(all, region.RegionId), l);
        schedule.CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO report_schedules (region_id, office_name, format, cron, recipients, language, period_kind, time_zone, created_by, created_at_ms)
            VALUES (@RegionId, @OfficeName, @Format, @Cron, @Recipients, @Language, @PeriodKind, @TimeZone, @CreatedBy, @CreatedAtMs) RETURNING schedule_id
            """,
            schedule,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Deletes a schedule (its queued deliveries stay in the outbox); false when there was none.</summary>
    public async Task<bool> DeleteAsync(long scheduleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM report_schedules WHERE schedule_id = @scheduleId", new { scheduleId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>The Ratings library's schedule for a stored one; throws <see cref="ArgumentException"/> when it is invalid (in the UI language when <paramref name="l"/> is given).</summary>
    public static ReportSchedule ToDeliverySchedule(StoredReportSchedule stored, RegionScope scope, IStringLocalizer? l = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var formats = SplitList(stored.Format).Select(f => f.ToUpperInvariant() switch
        {
            "XLSX" => ReportFormat.Xlsx,
            "CSV" => ReportFormat.Csv,
            "PDF" => ReportFormat.Pdf,
            _ => throw new ArgumentException(WebText.Or(l, "Schedules_BadFormat", "Format \"{0}\" is unknown; use xlsx, csv or pdf.", f)),
        }).Distinct().ToList();
        if (formats.Count == 0)
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_NoFormat", "No format chosen; pick at least one of xlsx, csv, pdf."));
        }

        if (stored.Language is not ("zh-CN" or "en"))
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_BadLanguage", "Language \"{0}\" is unknown; use zh-CN or en.", stored.Language));
        }

        if (!Enum.TryParse<ReportPeriodKind>(stored.PeriodKind, ignoreCase: false, out var period) || !Enum.IsDefined(period))
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_BadPeriod", "Period \"{0}\" is unknown; use PreviousMonth, PreviousWeek or PreviousDay.", stored.PeriodKind));
        }

        try
        {
            CronExpression.Parse(stored.Cron.Trim());
        }
        catch (CronFormatException)
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_BadCron", "When \"{0}\" is not a cron expression; use five fields (minute hour day month weekday), e.g. \"0 8 1 * *\" for 08:00 on the 1st of each month.", stored.Cron));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(stored.TimeZone, out _))
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_BadTimeZone", "Time zone \"{0}\" is unknown; use an IANA name such as Asia/Shanghai.", stored.TimeZone));
        }

        var recipients = SplitList(stored.Recipients);
        var bad = recipients.FirstOrDefault(r => r.IndexOf('@', StringComparison.Ordinal) is <= 0 || r.EndsWith('@'));
        if (bad != null)
        {
            throw new ArgumentException(WebText.Or(l, "Schedules_BadRecipient", "Recipient \"{0}\" is not a mail address; write name@domain, several separated by commas.", bad));
        }

        var schedule = new ReportSchedule
        {
            Id = stored.DeliveryScheduleId,
            OfficeName = stored.OfficeName,
            Scope = scope,
            Cron = stored.Cron.Trim(),
            TimeZone = stored.TimeZone,
            Recipients = recipients,
            Formats = formats,
            Culture = stored.Language,
            Period = period,
        };
        // The Ratings scheduler checks again (cron, time zone, addresses), in English for its own callers.
        _ = new ReportScheduler([schedule], new RatingService(NoStations.Instance, new RatingEngine(Rubric.Default), TimeProvider.System), new ReportOutbox(Path.GetTempPath()), TimeProvider.System);
        return schedule;
    }

    static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    sealed class NoStations : IRatingDataSource
    {
        public static readonly NoStations Instance = new();

        public Task<IReadOnlyList<StationPeriodData>> LoadAsync(RegionScope scope, RatingPeriod period, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StationPeriodData>>([]);
    }
}
