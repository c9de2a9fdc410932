using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Reports;
using Stations.Ratings.Delivery;

namespace Stations.Gateway.Web.Pages.Admin;

/// <summary>Administration of report schedules (office/region, cron, formats, recipients, language) and the list of deliveries.</summary>
public sealed class ReportsModel(ReportScheduleStore store, RegionStore regions, ReportDeliveryRunner runner, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Regions.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    /// <summary>Schedules.</summary>
    public IReadOnlyList<StoredReportSchedule> Schedules { get; private set; } = [];

    /// <summary>Deliveries in the outbox, newest first.</summary>
    public IReadOnlyList<ReportDelivery> Deliveries { get; private set; } = [];

    /// <summary>False when reports are only written to the outbox.</summary>
    public bool SmtpConfigured => runner.SmtpConfigured;

    /// <summary>An error to show, or null.</summary>
    [TempData]
    public string? Failure { get; set; }

    /// <summary>A confirmation to show, or null.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows schedules and deliveries.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Regions = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        Schedules = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        Deliveries = runner.Outbox.List().OrderByDescending(d => d.CreatedAt).ToList();
    }

    /// <summary>Creates a schedule.</summary>
    public async Task<IActionResult> OnPostCreateAsync(long regionId, string? officeName, string? cron, string[]? formats, string? recipients, string? language, string? periodKind, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(new StoredReportSchedule
            {
                RegionId = regionId,
                OfficeName = officeName ?? "",
                Cron = cron ?? "",
                Format = string.Join(",", formats ?? []),
                Recipients = recipients ?? "",
                Language = string.IsNullOrEmpty(language) ? "zh-CN" : language,
                PeriodKind = string.IsNullOrEmpty(periodKind) ? "PreviousMonth" : periodKind,
                CreatedBy = User.Identity?.Name ?? "",
            }, cancellationToken).ConfigureAwait(false);
            Notice = l["Schedules_Created"].Value;
        }
        catch (ArgumentException e)
        {
            Failure = e.Message;
        }

        return RedirectToPage();
    }

    /// <summary>Deletes a schedule.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long scheduleId, CancellationToken cancellationToken)
    {
        Notice = await store.DeleteAsync(scheduleId, cancellationToken).ConfigureAwait(false) ? l["Schedules_Deleted"].Value : null;
        return RedirectToPage();
    }

    /// <summary>The delivery's status in words: sent, retrying with the last error, waiting, or not sent without SMTP.</summary>
    public string StatusOf(ReportDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Status == DeliveryStatus.Sent)
        {
            return l["Delivery_Sent", StationTime.Format((delivery.SentAt ?? delivery.CreatedAt).ToUnixTimeMilliseconds(), null)];
        }

        if (!SmtpConfigured)
        {
            return l["Delivery_NoSmtp"];
        }

        return delivery.LastError != null
            ? l["Delivery_Retrying", delivery.Attempts, delivery.LastError, StationTime.Format(delivery.NextAttemptAt.ToUnixTimeMilliseconds(), null)]
            : l["Delivery_Waiting"];
    }
}
