using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stations.Gateway.Operations;
using Stations.Gateway.Ratings;
using Stations.Gateway.Rollups;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Gateway.Tests.Support;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Reports;
using Stations.Testing;

namespace Stations.Gateway.Tests.Operations;

/// <summary>
/// Two real gateway instances on one store: each scheduled job runs on exactly one of them, so a union office gets each
/// scheduled report once (mailed to a real SMTP server); when the holder dies the other instance takes over after the lease.
/// The jobs' passes are driven directly with a manual clock (their timers would tick in real minutes).
/// </summary>
[TestClass]
public sealed class SingleInstanceJobTests
{
    const int LeaseSeconds = 120;

    [TestMethod]
    [DataRow(StorageKind.Sqlite)]
    [DataRow(StorageKind.Postgres)]
    public async Task TwoInstancesMailEachScheduledReportOnceAndTheOtherTakesOverWhenTheHolderDies(StorageKind kind)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var outboxes = Directory.CreateTempSubdirectory("stations-outboxes-").FullName;
        // 07:59 in Beijing on 1 April: the schedules below are due at 08:00.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));
        var starterA = Starter(GatewayHost.Starter(kind, "single-jobs"), "gw-a", clock, smtp, outboxes);
        var starterB = Starter(GatewayHost.Starter().With(await starterA.StorageSettingsAsync()), "gw-b", clock, smtp, outboxes);
        var a = await starterA.StartAsync();
        RunningGateway? b = null;
        try
        {
            b = await starterB.StartAsync();
            var regions = a.Get<RegionStore>();
            var schedules = a.Get<ReportScheduleStore>();
            foreach (var (region, office) in new[] { ("南明区", "nm-office@union.example"), ("云岩区", "yy-office@union.example") })
            {
                var regionId = await regions.CreateAsync(region, "", null);
                await schedules.CreateAsync(new StoredReportSchedule { RegionId = regionId, Cron = "0 8 1 * *", Format = "csv", Recipients = office, Language = "en", CreatedBy = "tests" });
            }

            // Every job runs its pass on exactly one instance (each instance's own timers may have taken some leases already).
            var gateways = new[] { a, b };
            foreach (var pass in new Func<RunningGateway, Task<bool>>[]
            {
                g => Hosted<ReportDeliveryService>(g).RunPassAsync(),
                g => Hosted<RollupWorker>(g).RunPassAsync(),
                g => Hosted<RetentionWorker>(g).RunPassAsync(),
                g => g.Get<MonthlyRatingService>().RunPassAsync(),
            })
            {
                var ran = new[] { await pass(a), await pass(b), await pass(b), await pass(a) };
                Assert.IsTrue(ran.SequenceEqual([true, false, false, true]) || ran.SequenceEqual([false, true, true, false]), "one instance runs each job: " + string.Join(",", ran));
            }

            var leases = await a.Get<JobLeases>().ListAsync();
            CollectionAssert.AreEquivalent(
                new[] { ReportDeliveryService.LeaseName, RollupWorker.LeaseName, RetentionWorker.LeaseName, MonthlyRatingService.LeaseName },
                leases.Select(l => l.Job).ToArray());
            var holderId = leases.Single(l => l.Job == ReportDeliveryService.LeaseName).Holder;
            var holder = holderId == "gw-a" ? a : b;
            var other = holder == a ? b : a;
            Assert.AreEqual(holderId, holder.Get<JobLeases>().Instance);
            Assert.IsTrue(holder.Get<JobLeases>().Holds(ReportDeliveryService.LeaseName));
            Assert.IsFalse(other.Get<JobLeases>().Holds(ReportDeliveryService.LeaseName));

            // 08:00: the schedules are due. Both instances pass (several times): without the lease each would mail both reports.
            clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var g in new[] { a, b, b, a })
            {
                await Hosted<ReportDeliveryService>(g).RunPassAsync();
            }

            var mails = Mails(smtp);
            Assert.HasCount(2, mails, "one mail per office, from one instance");
            Assert.AreEqual(1, mails.Count(m => m.Contains("nm-office@union.example", StringComparison.Ordinal)));
            Assert.AreEqual(1, mails.Count(m => m.Contains("yy-office@union.example", StringComparison.Ordinal)));
            Assert.HasCount(2, Outbox(holder).List(), "the holder queued and mailed both");
            Assert.IsEmpty(Outbox(other).List(), "the other instance queued nothing");

            // The holder dies: stopping it gracefully deletes its leases; a crash leaves them until they expire, which is what
            // the holder's last renewal (at this moment, on this clock) writes back here.
            await holder.StopAsync();
            Assert.IsFalse((await other.Get<JobLeases>().ListAsync()).Any(l => l.Holder == holderId), "a graceful stop releases the leases");
            var crashed = new JobLeases(
                other.Get<StationDatabase>(),
                Options.Create(new JobLeaseOptions { InstanceId = holderId, LeaseSeconds = LeaseSeconds }),
                clock,
                NullLogger<JobLeases>.Instance);
            Assert.IsTrue(await crashed.TryHoldAsync(ReportDeliveryService.LeaseName));

            var takeOver = Hosted<ReportDeliveryService>(other);
            clock.Advance(TimeSpan.FromSeconds(LeaseSeconds - 1));
            Assert.IsFalse(await takeOver.RunPassAsync(), "the dead holder's lease has not expired yet");
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.IsTrue(await takeOver.RunPassAsync(), "taken over once the lease expired");
            Assert.AreEqual(other.Get<JobLeases>().Instance, (await other.Get<JobLeases>().ListAsync()).Single(l => l.Job == ReportDeliveryService.LeaseName).Holder);

            // The new holder mails the next month's reports, once each.
            clock.Set(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.IsTrue(await takeOver.RunPassAsync());
            Assert.IsTrue(await takeOver.RunPassAsync());
            mails = Mails(smtp);
            Assert.HasCount(4, mails, "April's two and May's two");
            Assert.AreEqual(2, mails.Count(m => m.Contains("nm-office@union.example", StringComparison.Ordinal)));
            Assert.AreEqual(2, mails.Count(m => m.Contains("yy-office@union.example", StringComparison.Ordinal)));
            Assert.HasCount(2, Outbox(other).List());
        }
        finally
        {
            // B first: A's starter made the SQLite folder both use and deletes it when A is disposed.
            if (b != null)
            {
                await b.DisposeAsync();
            }

            await a.DisposeAsync();
            Directory.Delete(outboxes, recursive: true);
        }
    }

    /// <summary>A gateway instance with the web UI (schedules, mail) and its own outbox folder, as on its own machine.</summary>
    static GatewayStarter Starter(GatewayStarter starter, string instance, TimeProvider clock, SmtpServer smtp, string outboxes) => starter
        .WithWeb("initial-admin-password-1")
        .WithTime(clock)
        .With("Gateway:InstanceId", instance)
        .With("Gateway:Jobs:LeaseSeconds", LeaseSeconds.ToString(CultureInfo.InvariantCulture))
        .With("Web:Reports:OutboxFolder", Path.Combine(outboxes, instance))
        .With("Web:Reports:Smtp:Host", "127.0.0.1")
        .With("Web:Reports:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture))
        .With("Web:Reports:Smtp:From", "reports@union.example")
        .With("Web:Reports:Smtp:Security", "None")
        .With("Web:Reports:Smtp:TimeoutMs", "10000");

    static T Hosted<T>(RunningGateway gateway) => gateway.Services.GetServices<IHostedService>().OfType<T>().Single();

    static global::Stations.Ratings.Delivery.ReportOutbox Outbox(RunningGateway gateway) => gateway.Get<ReportDeliveryRunner>().Outbox;

    /// <summary>The messages the SMTP server received (it saves each before answering 250, so a finished pass's mails are all here).</summary>
    static List<string> Mails(SmtpServer smtp) => Directory.GetFiles(smtp.MessageFolder, "*.eml").Select(File.ReadAllText).ToList();
}
