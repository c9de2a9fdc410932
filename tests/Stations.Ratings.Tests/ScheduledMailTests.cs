using MimeKit;
using Stations.Ratings.Delivery;
using Stations.Ratings.Inputs;
using Stations.Ratings.Reports;
using Stations.Testing;

namespace Stations.Ratings.Tests;

[TestClass]
public sealed class ScheduledMailTests
{
    private sealed class FixtureDataSource : IRatingDataSource
    {
        public List<RatingPeriod> Requested { get; } = [];

        public Task<IReadOnlyList<StationPeriodData>> LoadAsync(RegionScope scope, RatingPeriod period, CancellationToken cancellationToken)
        {
            Requested.Add(period);
            IReadOnlyList<StationPeriodData> data = ReportFixture.StationsData().Where(d => scope.Contains(d.Profile)).ToList();
            return Task.FromResult(data);
        }
    }

    private static ReportSchedule Monthly() => new()
    {
        Id = "fuzhou-monthly",
        OfficeName = "福州市总工会",
        Scope = new RegionScope { Province = "福建省", City = "福州市" },
        Cron = "0 8 1 * *",
        Recipients = ["office@fz-union.example"],
        Formats = [ReportFormat.Xlsx, ReportFormat.Csv, ReportFormat.Pdf],
    };

    [TestMethod]
    public async Task MonthlyReport_IsQueued_FailedSendRetried_ThenReceivedWithAttachments()
    {
        var outboxDir = Directory.CreateTempSubdirectory("ratings-outbox-");
        try
        {
            // 07:59 on 1 April in Shanghai.
            var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 1, 7, 59, 0, TimeSpan.FromHours(8)));
            var source = new FixtureDataSource();
            var service = new RatingService(source, ReportFixture.Engine, clock);
            var outbox = new ReportOutbox(outboxDir.FullName);
            var scheduler = new ReportScheduler([Monthly()], service, outbox, clock);
            var port = SmtpServer.FreePort();
            var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, From = "reports@union.example", Security = "None", TimeoutMs = 10_000 };
            var mailer = new ReportMailer(outbox, new SmtpMailSender(smtp), smtp, clock);

            Assert.AreEqual(0, (await scheduler.RunDueAsync()).Count, "first sight of a schedule starts from now");
            clock.Advance(TimeSpan.FromMinutes(2));
            var created = await scheduler.RunDueAsync();
            Assert.AreEqual(1, created.Count);
            Assert.AreEqual(RatingPeriod.Month(2026, 3), source.Requested.Single());
            Assert.AreEqual(0, (await scheduler.RunDueAsync()).Count, "runs once per cron time");
            var delivery = created[0];
            Assert.AreEqual(3, delivery.Attachments.Count);
            foreach (var name in delivery.Attachments)
            {
                Assert.IsTrue(File.Exists(outbox.AttachmentPath(delivery, name)), "every report is written to the outbox");
            }

            // Server down: the attempt fails, is recorded, and a retry is planned.
            var afterFailure = (await mailer.SendDueAsync()).Single();
            Assert.AreEqual(DeliveryStatus.Pending, afterFailure.Status);
            Assert.AreEqual(1, afterFailure.Attempts);
            Assert.IsNotNull(afterFailure.LastError);
            Assert.AreEqual(clock.GetUtcNow() + ReportMailer.FirstRetryDelay, afterFailure.NextAttemptAt);
            var onDisk = outbox.List().Single();
            Assert.AreEqual((afterFailure.Attempts, afterFailure.LastError, afterFailure.NextAttemptAt), (onDisk.Attempts, onDisk.LastError, onDisk.NextAttemptAt), "the status record on disk shows the failure");
            Assert.AreEqual(1, (await mailer.SendDueAsync()).Single().Attempts, "not retried before the backoff");

            await using var server = await SmtpServer.StartAsync(port);
            clock.Advance(ReportMailer.FirstRetryDelay);
            var sent = (await mailer.SendDueAsync()).Single();
            Assert.AreEqual(DeliveryStatus.Sent, sent.Status, sent.LastError);
            Assert.AreEqual(2, sent.Attempts);

            var files = await server.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
            using var message = await MimeMessage.LoadAsync(files[0]);
            StringAssert.Contains(message.Subject, "福州市总工会");
            CollectionAssert.AreEquivalent(
                new[] { "福州市总工会_2026-03-01_2026-03-31.xlsx", "福州市总工会_2026-03-01_2026-03-31.csv", "福州市总工会_2026-03-01_2026-03-31.pdf" },
                message.Attachments.OfType<MimePart>().Select(a => a.FileName).ToArray());
            var pdf = message.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(".pdf", StringComparison.Ordinal) == true);
            using var pdfBytes = new MemoryStream();
            await pdf.Content!.DecodeToAsync(pdfBytes);
            CollectionAssert.AreEqual(File.ReadAllBytes(outbox.AttachmentPath(delivery, pdf.FileName!)), pdfBytes.ToArray());
            Assert.AreEqual(1, (await mailer.SendDueAsync()).Count(d => d.Status == DeliveryStatus.Sent), "a sent mail is not sent again");
        }
        finally
        {
            outboxDir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void RetryDelay_DoublesUpToOneHour()
    {
        Assert.AreEqual(TimeSpan.FromMinutes(1), ReportMailer.RetryDelay(1));
        Assert.AreEqual(TimeSpan.FromMinutes(2), ReportMailer.RetryDelay(2));
        Assert.AreEqual(TimeSpan.FromMinutes(32), ReportMailer.RetryDelay(6));
        Assert.AreEqual(TimeSpan.FromHours(1), ReportMailer.RetryDelay(7));
        Assert.AreEqual(TimeSpan.FromHours(1), ReportMailer.RetryDelay(100));
    }

    [TestMethod]
    public void BadSchedule_NamesTheScheduleAndTheFix()
    {
        var service = new RatingService(new FixtureDataSource(), ReportFixture.Engine, TimeProvider.System);
        var outbox = new ReportOutbox(Path.Combine(Path.GetTempPath(), "ratings-outbox-unused"));
        var e = Assert.ThrowsExactly<ArgumentException>(() => new ReportScheduler([Monthly() with { Cron = "every month" }], service, outbox, TimeProvider.System));
        StringAssert.Contains(e.Message, "fuzhou-monthly");
        StringAssert.Contains(e.Message, "0 8 1 * *");
        var tz = Assert.ThrowsExactly<ArgumentException>(() => new ReportScheduler([Monthly() with { TimeZone = "China" }], service, outbox, TimeProvider.System));
        StringAssert.Contains(tz.Message, "Asia/Shanghai");
    }

    [TestMethod]
    public void Periods_FollowTheRunDay()
    {
        var day = new DateOnly(2026, 1, 1);
        Assert.AreEqual(RatingPeriod.Month(2025, 12), ReportScheduler.PeriodFor(ReportPeriodKind.PreviousMonth, day));
        Assert.AreEqual(RatingPeriod.Between(new DateOnly(2025, 12, 25), new DateOnly(2025, 12, 31)), ReportScheduler.PeriodFor(ReportPeriodKind.PreviousWeek, day));
        Assert.AreEqual(RatingPeriod.Between(new DateOnly(2025, 12, 31), new DateOnly(2025, 12, 31)), ReportScheduler.PeriodFor(ReportPeriodKind.PreviousDay, day));
    }
}
