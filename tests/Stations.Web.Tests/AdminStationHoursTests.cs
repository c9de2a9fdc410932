using Stations.Gateway.Stations;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// The administrator's "add station" form reads opening hours with the same parser as the provisioning API
/// (Web/Localization/OpeningHours): HH:mm from 00:00 to 24:00, blanks meaning 00:00–24:00, a bad time refused.
/// </summary>
[TestClass]
public sealed class AdminStationHoursTests
{
    static WebHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => host = await WebHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    static async Task<string> AddStationAsync(string stationId, string opens, string closes)
    {
        using var admin = new WebSession(host.BaseAddress);
        Assert.IsTrue(await admin.SignInAsync("admin"));
        return await admin.PostAndFollowAsync("/admin", "Station", ("stationId", stationId), ("name", ""), ("timeZone", "Asia/Shanghai"), ("opens", opens), ("closes", closes),
            ("regionId", ""), ("address", ""));
    }

    [TestMethod]
    [DataRow("st-hr-01", "07:00", "21:00", 420, 1260)]
    [DataRow("st-hr-02", "22:00", "06:00", 1320, 360)]
    [DataRow("st-hr-03", "", "", 0, 1440)]
    [DataRow("st-hr-04", "00:00", "24:00", 0, 1440)]
    public async Task Hours_are_stored_as_minutes(string stationId, string opens, string closes, int open, int close)
    {
        var page = await AddStationAsync(stationId, opens, closes);
        Assert.AreEqual("", WebSession.Text(page, "failure"));
        var record = await host.Get<StationRegistry>().FindAsync(stationId);
        Assert.AreEqual((open, close), (record!.ScheduleOpenMinute, record.ScheduleCloseMinute));
    }

    [TestMethod]
    public async Task A_bad_time_is_refused()
    {
        var page = await AddStationAsync("st-hr-05", "7:00", "21:00");
        Assert.AreEqual("时间“7:00”格式不对，请写成 HH:mm，例如 07:30。", WebSession.Text(page, "failure"));
        Assert.IsNull(await host.Get<StationRegistry>().FindAsync("st-hr-05"));
    }
}
