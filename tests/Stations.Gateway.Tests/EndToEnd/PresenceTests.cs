using Stations.Gateway.DeviceState;
using Stations.Gateway.Tests.Support;
using Stations.Testing;

namespace Stations.Gateway.Tests.EndToEnd;

[TestClass]
public sealed class PresenceTests
{
    [TestMethod]
    public async Task ASilentStationGoesOfflineAfterTheTimeoutEvenWithoutAWill()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1763870400000));
        var settings = await GatewayHost.StorageSettingsAsync(StorageKind.Sqlite, "presence");
        settings["Gateway:State:OfflineAfterSeconds"] = "300";
        await using var gateway = await GatewayHost.StartAsync(settings, time: time);
        await gateway.RegisterAsync("gz-gy-0201");
        await using var station = await TestStation.ConnectAsync("gz-gy-0201", gateway.MqttPort);
        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":1000,"type":"visit","dev":"beam1","n":1}""");
        await station.WaitForAckAsync(station.Boot, 1);
        var monitor = gateway.Get<PresenceMonitor>();

        time.Advance(TimeSpan.FromSeconds(299));
        Assert.IsEmpty(await monitor.CheckAsync());
        time.Advance(TimeSpan.FromSeconds(2));
        CollectionAssert.AreEqual(new[] { "gz-gy-0201" }, (await monitor.CheckAsync()).ToArray());
        var state = (await gateway.Get<StationStatusService>().FindAsync("gz-gy-0201"))!;
        Assert.AreEqual(0L, state.Online);
        Assert.AreEqual("timeout", state.OfflineReason);

        // The next message brings it back and clears the alarm.
        await station.SendAsync("event", """{"v":1,"boot":"x","seq":0,"up":2000,"type":"visit","dev":"beam1","n":1}""");
        await station.WaitForAckAsync(station.Boot, 2);
        Assert.AreEqual(1L, (await gateway.Get<StationStatusService>().FindAsync("gz-gy-0201"))!.Online);
        Assert.IsFalse((await gateway.Get<Alarms.AlarmService>().ListActiveAsync("gz-gy-0201")).Any());
    }
}
