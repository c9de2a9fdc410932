using Stations.Simulator.Hardware;
using Stations.Simulator.Profiles;

namespace Stations.Simulator.World;

/// <summary>
/// The physical station and the people around it: the room's climate, the door and sign, the dispenser, the
/// charging sockets and the visitors who use them. It knows nothing of the station logic: it only drives the
/// simulated hardware's inputs and reacts to its relays, exactly as a real room reacts to a real board.
/// </summary>
public sealed class StationSite
{
    private const long SecondMs = 1000;
    private readonly Weather _weather;
    private readonly SimRandom _visitors;
    private readonly long _managerSeed;
    private readonly PriorityQueue<Action, (long DueMs, long Order)> _agenda = new();
    private long _order;
    private long _lastMs;
    private long _nextArrivalMs;
    private long _plannedDay = long.MinValue;
    private long _openFromMs;
    private long _openUntilMs;
    private int _doorHolds;

    /// <summary>Creates the site of one station, starting at <paramref name="startUtcMs"/>.</summary>
    public StationSite(string stationId, StationProfile profile, Weather weather, long seed, long startUtcMs)
    {
        StationId = stationId;
        Profile = profile;
        _weather = weather;
        _visitors = SimRandom.For(seed, stationId + "/visitors");
        _managerSeed = (long)SimRandom.Mix((ulong)seed, stationId + "/manager", 0);
        var sensors = SimRandom.For(seed, stationId + "/sensors");
        Room = new IndoorClimate(weather.OutdoorCelsius(startUtcMs), weather.OutdoorHumidityPercent(startUtcMs), profile.InsulationHours);
        Probe = new SimClimateProbe(Room, sensors, profile.ProbeReadFailureRate);
        Dispenser = new SimDispenser("water1", new SimRelay(), new SimInput());
        for (int i = 1; i <= profile.EBikeOutlets; i++) Outlets.Add(new SimOutletSocket("ebike" + i, new SimRelay(), sensors));
        for (int i = 1; i <= profile.PhoneOutlets; i++) Outlets.Add(new SimOutletSocket("phone" + i, new SimRelay(), sensors));
        if (profile.HasVisitorBeam) VisitorBeam = new SimInput();
        if (profile.HasHvac) Hvac = new SimRelay();
        _lastMs = startUtcMs;
        _nextArrivalMs = startUtcMs;
        PlanDay(startUtcMs);
        Sign.Level = IsOpenNow(startUtcMs);
    }

    /// <summary>Station id.</summary>
    public string StationId { get; }

    /// <summary>The profile this site was built from.</summary>
    public StationProfile Profile { get; }

    /// <summary>The room.</summary>
    public IndoorClimate Room { get; }

    /// <summary>The room's climate probe (`probe1`).</summary>
    public SimClimateProbe Probe { get; }

    /// <summary>The door contact (`door1`): active while the door is open.</summary>
    public SimInput Door { get; } = new();

    /// <summary>The open/closed sign switch (`sign1`): active while a manager has the station open.</summary>
    public SimInput Sign { get; } = new();

    /// <summary>The people-counting beam (`beam1`), if fitted: active while someone passes.</summary>
    public SimInput? VisitorBeam { get; }

    /// <summary>The water dispenser (`water1`).</summary>
    public SimDispenser Dispenser { get; }

    /// <summary>The charging sockets (`ebike1`…, `phone1`…).</summary>
    public List<SimOutletSocket> Outlets { get; } = [];

    /// <summary>The heating/cooling relay (`ac1`), if fitted.</summary>
    public SimRelay? Hvac { get; }

    /// <summary>True when the unit cools (the configs fit a cooling unit), false when it heats.</summary>
    public bool HvacCooling { get; set; } = true;

    /// <summary>The virtual time the site has been advanced to.</summary>
    public long LastAdvancedMs => _lastMs;

    /// <summary>People inside now.</summary>
    public int PeopleInside { get; private set; }

    /// <summary>Visitors who came in since the simulation began (ground truth for tests).</summary>
    public long Arrivals { get; private set; }

    /// <summary>Visitors who found the station closed and went away.</summary>
    public long TurnedAway { get; private set; }

    /// <summary>Dispenser button presses.</summary>
    public long ButtonPresses { get; private set; }

    /// <summary>Chargers plugged in.</summary>
    public long Plugs { get; private set; }

    /// <summary>True while the station is actually accessible (manager present, or unattended within hours).</summary>
    public bool IsOpenNow(long utcMs) => Profile.OpenAllDay || (utcMs >= _openFromMs && utcMs < _openUntilMs);

    /// <summary>Scheduled opening, local hour (for the config's schedule).</summary>
    public (int OpenHour, int CloseHour) Schedule => Profile.OpenAllDay ? (0, 24) : (Profile.OpenHour, Profile.CloseHour);

    /// <summary>Advances the world to <paramref name="utcMs"/>: physics, the manager, and every visitor action due.</summary>
    public void AdvanceTo(long utcMs)
    {
        while (true)
        {
            long next = utcMs;
            if (_agenda.TryPeek(out _, out var due) && due.DueMs < next) next = Math.Max(due.DueMs, _lastMs);
            if (_nextArrivalMs < next) next = Math.Max(_nextArrivalMs, _lastMs);
            if (next > _lastMs) Step(next - _lastMs, next);
            _lastMs = Math.Max(_lastMs, next);
            while (_agenda.TryPeek(out _, out due) && due.DueMs <= _lastMs) _agenda.Dequeue()();
            if (_nextArrivalMs <= _lastMs) Arrive(_lastMs);
            if (_lastMs >= utcMs && _nextArrivalMs > utcMs && !(_agenda.TryPeek(out _, out due) && due.DueMs <= utcMs)) break;
        }
    }

    private void Step(long elapsedMs, long nowMs)
    {
        if (LocalTime.DayNumber(nowMs) != _plannedDay) PlanDay(nowMs);
        Sign.Level = IsOpenNow(nowMs);
        double outdoor = _weather.OutdoorCelsius(nowMs);
        int hvac = Hvac is { Energised: true } ? (HvacCooling ? -1 : 1) : 0;
        Room.Advance(elapsedMs, outdoor, _weather.OutdoorHumidityPercent(nowMs), hvac, PeopleInside);
        Dispenser.Advance(elapsedMs);
        foreach (var outlet in Outlets)
        {
            outlet.AmbientCelsius = outlet.Id.StartsWith("ebike", StringComparison.Ordinal) ? outdoor : Room.TemperatureCelsius;
            outlet.Advance(elapsedMs);
        }
    }

    private void PlanDay(long utcMs)
    {
        _plannedDay = LocalTime.DayNumber(utcMs);
        long midnight = utcMs - (long)(LocalTime.HourOfDay(utcMs) * 3_600_000.0);
        var day = SimRandom.For(_managerSeed, "day", _plannedDay);
        if (day.Chance(Profile.DayClosedChance))
        {
            _openFromMs = _openUntilMs = 0;
        }
        else
        {
            double late = Profile.LateOpeningMeanMinutes > 0 ? day.Exponential(Profile.LateOpeningMeanMinutes) : 0;
            _openFromMs = midnight + Profile.OpenHour * 3_600_000L + (long)(late * 60_000);
            double early = Profile.LateOpeningMeanMinutes > 0 ? day.Exponential(Profile.LateOpeningMeanMinutes / 3) : 0;
            _openUntilMs = midnight + Profile.CloseHour * 3_600_000L - (long)(early * 60_000);
        }
        if (Profile.DispenserDryChancePerDay > 0)
        {
            // The tank runs dry on some days and is refilled only on a later day's check.
            if (!Dispenser.Dry && day.Chance(Profile.DispenserDryChancePerDay)) Dispenser.Dry = true;
            else if (Dispenser.Dry && day.Chance(0.4)) Dispenser.Dry = false;
        }
    }

    private void Arrive(long nowMs)
    {
        // Thinning: candidate arrivals at the peak rate, accepted with the rate of this hour.
        double peakPerHour = Math.Max(Profile.VisitsPerDay * 0.12, 0.01);
        _nextArrivalMs = nowMs + Math.Max(SecondMs, (long)(_visitors.Exponential(1.0 / peakPerHour) * 3_600_000));
        double rate = VisitorProfile.ArrivalsPerHour(Profile.VisitsPerDay, LocalTime.HourOfDay(nowMs), LocalTime.DayOfWeek(nowMs));
        if (!_visitors.Chance(rate / peakPerHour)) return;
        if (!IsOpenNow(nowMs))
        {
            TurnedAway++;
            return;
        }
        Arrivals++;
        PeopleInside++;
        PassDoor(nowMs);
        long dwellMs = (long)(_visitors.Range(4, 25) * 60_000);
        if (_visitors.Chance(Profile.DrinkChance)) At(nowMs + _visitors.Between(20, 90) * SecondMs, PressDispenserButton);
        SimOutletSocket? phone = null;
        SimOutletSocket? ebike = null;
        if (_visitors.Chance(Profile.PhoneChargeChance)) phone = FreeOutlet("phone");
        if (_visitors.Chance(Profile.EBikeChargeChance)) ebike = FreeOutlet("ebike");
        if (phone != null) PlugIn(phone, ChargerLoad.Phone(_visitors));
        if (ebike != null)
        {
            // Riders leave the bike for a while; in the evening some leave it for the night.
            PlugIn(ebike, ChargerLoad.EBike(_visitors));
            double hours = LocalTime.HourOfDay(nowMs) >= 19 && _visitors.Chance(0.3) ? _visitors.Range(8, 11) : _visitors.Range(0.5, 4);
            At(nowMs + (long)(hours * 3_600_000), ebike.Unplug);
        }
        At(nowMs + dwellMs, () =>
        {
            PeopleInside = Math.Max(0, PeopleInside - 1);
            if (phone != null) phone.Unplug();
            PassDoor(_lastMs);
        });
    }

    private SimOutletSocket? FreeOutlet(string kind) =>
        Outlets.FirstOrDefault(o => o.Plugged == null && o.Id.StartsWith(kind, StringComparison.Ordinal));

    private void PlugIn(SimOutletSocket socket, ChargerLoad charger)
    {
        Plugs++;
        socket.Plug(charger);
    }

    private void PressDispenserButton()
    {
        // Held while a bottle fills (the valve is open only while the button is held).
        ButtonPresses++;
        Dispenser.Button.Level = true;
        At(_lastMs + _visitors.Between(8, 25) * SecondMs, () => Dispenser.Button.Level = false);
    }

    private void PassDoor(long nowMs)
    {
        // The door stays open 3–6 s per passage; overlapping passages keep it open.
        _doorHolds++;
        Door.Level = true;
        if (VisitorBeam != null)
        {
            VisitorBeam.Level = true;
            At(nowMs + SecondMs, () => VisitorBeam.Level = false);
        }
        At(nowMs + _visitors.Between(3, 7) * SecondMs, () =>
        {
            if (--_doorHolds == 0) Door.Level = false;
        });
    }

    private void At(long dueMs, Action action) => _agenda.Enqueue(action, (dueMs, _order++));
}
