using Stations.Simulator.Hardware;
using Stations.Simulator.Profiles;
using Stations.Simulator.World;

namespace Stations.Simulator.Tests;

[TestClass]
public sealed class WorldTests
{
    private static readonly long Start = DateTimeOffset.Parse("2026-07-15T00:00:00+08:00").ToUnixTimeMilliseconds();

    [TestMethod]
    public void EBikeChargerHasConstantPowerThenADecayingTailThenTerminates()
    {
        var charger = new ChargerLoad("ebike", 800, 200, 0.3, 1.5, new SimRandom(1));
        Assert.AreEqual(200, charger.IdealPowerWatts, 1e-9);
        double energy = 0;
        int minutes = 0;
        var tail = new List<double>();
        while (!charger.Terminated && minutes < 12 * 60)
        {
            energy += charger.Advance(60_000, energised: true);
            minutes++;
            if (charger.StateOfCharge >= charger.CvThreshold) tail.Add(charger.IdealPowerWatts);
        }
        Assert.IsTrue(charger.Terminated, "the charger ends its CV tail");
        Assert.IsTrue(minutes is > 120 and < 8 * 60, $"a 0.8 kWh pack from 30% charges in hours, took {minutes} min");
        Assert.IsTrue(tail.Count > 20, "there is a tail of at least 20 minutes");
        for (int i = 1; i < tail.Count; i++) Assert.IsTrue(tail[i] <= tail[i - 1] + 1e-9, "tail power only falls");
        Assert.AreEqual(1.5, charger.IdealPowerWatts, 1e-9, "standby draw after termination");
        Assert.IsTrue(energy > 0.7 * 800 * 0.7 && energy < 800, $"socket energy {energy} Wh is about what the pack took over efficiency");
        Assert.AreEqual(0, charger.PowerWatts(energised: false));
    }

    [TestMethod]
    public void WeatherIsSeasonalDailyAndDeterministic()
    {
        var a = new Weather(7);
        var b = new Weather(7);
        long julyAfternoon = DateTimeOffset.Parse("2026-07-15T15:00:00+08:00").ToUnixTimeMilliseconds();
        long julyDawn = DateTimeOffset.Parse("2026-07-15T03:00:00+08:00").ToUnixTimeMilliseconds();
        long january = DateTimeOffset.Parse("2026-01-15T15:00:00+08:00").ToUnixTimeMilliseconds();
        Assert.AreEqual(a.OutdoorCelsius(julyAfternoon), b.OutdoorCelsius(julyAfternoon));
        Assert.IsTrue(a.OutdoorCelsius(julyAfternoon) > a.OutdoorCelsius(julyDawn));
        Assert.IsTrue(a.OutdoorCelsius(julyAfternoon) > a.OutdoorCelsius(january) + 5);
        Assert.IsTrue(a.OutdoorHumidityPercent(julyDawn) is >= 20 and <= 99);
    }

    [TestMethod]
    public void RoomFollowsWeatherAndCoolingPullsItDown()
    {
        var free = new IndoorClimate(30, 70);
        var cooled = new IndoorClimate(30, 70);
        for (int i = 0; i < 60; i++)
        {
            free.Advance(60_000, 34, 70, hvac: 0, peopleInside: 0);
            cooled.Advance(60_000, 34, 70, hvac: -1, peopleInside: 0);
        }
        Assert.IsTrue(free.TemperatureCelsius is > 30 and < 34);
        Assert.IsTrue(cooled.TemperatureCelsius < free.TemperatureCelsius - 3);
    }

    [TestMethod]
    public void BusySiteSeesAboutItsDailyVisitsAndUsesWaterAndOutlets()
    {
        var site = new StationSite("sim-0001", StationProfiles.Busy, new Weather(3), 3, Start);
        int doorOpenings = 0;
        bool wasOpen = false;
        for (long t = Start; t < Start + 7 * LocalTime.DayMs; t += 1000)
        {
            site.AdvanceTo(t);
            if (site.Door.Read() && !wasOpen) doorOpenings++;
            wasOpen = site.Door.Read();
            // Stand-in for the station logic: keep the outlets armed and open the valve while the button is held.
            foreach (var o in site.Outlets) o.Relay.Write(true);
            site.Dispenser.Valve.Write(site.Dispenser.Button.Read());
        }
        double perDay = site.Arrivals / 7.0;
        Assert.IsTrue(perDay is > 25 and < 60, $"busy station: {perDay:F1} visits/day");
        Assert.IsTrue(doorOpenings >= site.Arrivals, "each visitor opens the door at least once");
        Assert.IsTrue(site.ButtonPresses > site.Arrivals / 3);
        Assert.IsTrue(site.Dispenser.DispensedLitres > 0);
        Assert.IsTrue(site.Plugs > 0);
        Assert.IsTrue(site.Outlets.Sum(o => o.DeliveredWh) > 100);
    }

    [TestMethod]
    public void NeglectedSiteIsOftenClosedAndTurnsPeopleAway()
    {
        var busy = new StationSite("sim-0001", StationProfiles.Busy, new Weather(5), 5, Start);
        var neglected = new StationSite("sim-0002", StationProfiles.Neglected, new Weather(5), 5, Start);
        int busyOpenHours = 0, neglectedOpenHours = 0;
        for (long t = Start; t < Start + 30 * LocalTime.DayMs; t += 3_600_000)
        {
            busy.AdvanceTo(t);
            neglected.AdvanceTo(t);
            if (busy.Sign.Read()) busyOpenHours++;
            if (neglected.Sign.Read()) neglectedOpenHours++;
        }
        Assert.IsTrue(busyOpenHours > 30 * 12, $"busy open {busyOpenHours} h");
        Assert.IsTrue(neglectedOpenHours < 30 * 8 * 0.8, $"neglected open {neglectedOpenHours} h of 240 scheduled");
        Assert.IsTrue(neglected.TurnedAway > 0);
    }

    [TestMethod]
    public void SameSeedSameVisitors()
    {
        long Run(long seed)
        {
            var site = new StationSite("sim-0003", StationProfiles.Smart, new Weather(seed), seed, Start);
            site.AdvanceTo(Start + 3 * LocalTime.DayMs);
            return site.Arrivals * 1000 + site.ButtonPresses;
        }
        Assert.AreEqual(Run(11), Run(11));
        Assert.AreNotEqual(Run(11), Run(12));
    }

    [TestMethod]
    public void StuckRelayKeepsTheLoadEnergised()
    {
        var relay = new SimRelay();
        relay.Write(true);
        relay.StuckClosed = true;
        relay.Write(false);
        Assert.IsFalse(relay.Commanded);
        Assert.IsTrue(relay.Energised);
    }
}
