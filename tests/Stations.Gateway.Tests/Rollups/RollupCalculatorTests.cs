using System.Globalization;
using Stations.Gateway.Rollups;
using Stations.Gateway.Stations;

namespace Stations.Gateway.Tests.Rollups;

[TestClass]
public sealed class RollupCalculatorTests
{
    static readonly DateOnly Day = new(2026, 7, 15); // summer band 20 … 28 °C
    static readonly StationRecord Station = new("gz-gy-0001", "Test", "Asia/Shanghai", true, 8 * 60, 20 * 60, null); // open 08:00 – 20:00

    static long At(int hour, int minute) =>
        new DateTimeOffset(Day.Year, Day.Month, Day.Day, hour, minute, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    static RawMessage Telemetry(int hour, int minute, bool open, double? t = 24, string disp = "ok", string outlet = "idle") =>
        new("telemetry", null, At(hour, minute),
            "{\"open\":" + (open ? "true" : "false") + ",\"cnt\":{\"vis\":0,\"l\":0,\"ses\":0,\"wh\":0},\"clim\":[" +
            (t is { } c ? "{\"id\":\"probe1\",\"t\":" + c.ToString(CultureInfo.InvariantCulture) + ",\"rh\":50}" : "{\"id\":\"probe1\",\"err\":\"fault\"}") +
            "],\"door\":[],\"disp\":[{\"id\":\"water1\",\"valve\":false,\"st\":\"" + disp + "\"}],\"out\":[{\"id\":\"ebike1\",\"st\":\"" + outlet + "\",\"w\":0}]}");

    static RawMessage Event(int hour, int minute, string type, string fields) =>
        new("event", type, At(hour, minute), "{\"type\":\"" + type + "\"," + fields + "}");

    [TestMethod]
    public void CountsUsageFromEventsInTheRightHours()
    {
        var (daily, hours) = new RollupCalculator(new RollupOptions()).Compute(Station, Day, 60,
        [
            Event(9, 5, "visit", "\"dev\":\"beam1\",\"n\":2"),
            Event(9, 30, "dispense", "\"dev\":\"water1\",\"l\":0.3,\"durMs\":3000,\"trig\":\"button\""),
            Event(13, 0, "outlet.stop", "\"dev\":\"ebike1\",\"reason\":\"full\",\"wh\":412.5,\"durMs\":9000000,\"maxW\":190"),
            Event(14, 0, "safety.trip", "\"dev\":\"ebike1\",\"reason\":\"overtemp\",\"val\":56,\"lock\":true"),
        ]);
        Assert.AreEqual(2L, daily.Visits);
        Assert.AreEqual(0.3, daily.Litres, 1e-9);
        Assert.AreEqual(1L, daily.ChargingSessions);
        Assert.AreEqual(412.5, daily.ChargingWh, 1e-9);
        Assert.AreEqual(1L, daily.SafetyTrips);
        Assert.AreEqual(2L, hours[9].Visits);
        Assert.AreEqual(1L, hours[13].ChargingSessions);
        Assert.AreEqual(720.0, daily.ScheduledMinutes);
        Assert.AreEqual(1440L, daily.TelemetryExpected);
        Assert.IsFalse(daily.OpenedOnTime, "no sign of opening");
    }

    [TestMethod]
    public void OpenMinutesAdherenceComfortAndAvailabilityComeFromTelemetry()
    {
        var samples = new List<RawMessage>();
        for (var m = 0; m < 60; m++)
        {
            samples.Add(Telemetry(8, m, open: true, t: m < 30 ? 24 : 33, disp: m < 45 ? "ok" : "dry"));
        }

        samples.Add(Telemetry(21, 0, open: true, t: 5)); // open outside the schedule, cold
        var (daily, hours) = new RollupCalculator(new RollupOptions()).Compute(Station, Day, 60, samples);
        Assert.AreEqual(61.0, daily.OpenMinutes);
        Assert.AreEqual(60.0, daily.OpenInScheduleMinutes);
        Assert.IsTrue(daily.OpenedOnTime);
        Assert.AreEqual(30.0, daily.ComfortMinutes);
        Assert.AreEqual(30.0, daily.HotMinutes);
        Assert.AreEqual(1.0, daily.ColdMinutes);
        Assert.AreEqual(45.0, daily.DispenserAvailableMinutes);
        Assert.AreEqual(60.0, daily.OutletsAvailableMinutes);
        Assert.AreEqual(60.0, daily.ClimateAvailableMinutes);
        Assert.AreEqual(61L, daily.TelemetryReceived);
        Assert.AreEqual(60L, hours[8].TelemetryReceived);
        Assert.AreEqual(60.0, hours[8].ScheduledMinutes);
        Assert.AreEqual(0.0, hours[7].ScheduledMinutes);
    }

    [TestMethod]
    public void ADayIsCutInTheStationsTimeZone()
    {
        var (start, end) = RollupCalculator.DayBounds(Day, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.AreEqual(new DateTimeOffset(2026, 7, 14, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), start);
        Assert.AreEqual(24 * 3_600_000L, end - start);
    }

    [TestMethod]
    public void ATwentyFourHourScheduleHasNoOnTimeOpening()
    {
        var allDay = Station with { ScheduleOpenMinute = 0, ScheduleCloseMinute = 1440 };
        var (daily, _) = new RollupCalculator(new RollupOptions()).Compute(allDay, Day, 60, []);
        Assert.IsNull(daily.OpenedOnTime);
        Assert.AreEqual(1440.0, daily.ScheduledMinutes);
    }
}
