using Stations.Core.Link;
using Stations.Simulator.Link;
using Stations.Simulator.Time;
using Stations.Simulator.World;

namespace Stations.Simulator.Fleet;

/// <summary>
/// Everything a virtual board offers the firmware that runs on it: identity and credentials, the clock, the
/// simulated hardware (through the site), the MQTT link, the flash that survives reboots, randomness and reboot.
/// </summary>
public sealed class StationBoard : IRandom, IRebooter
{
    private readonly SimRandom _random;

    internal StationBoard(string stationId, string password, StationSite site, StationClock clock, MqttStationLink link, SimulatedFlash flash, SimRandom random)
    {
        StationId = stationId;
        Password = password;
        Site = site;
        Clock = clock;
        Link = link;
        Flash = flash;
        _random = random;
    }

    /// <summary>Station id (also MQTT client id and username).</summary>
    public string StationId { get; }

    /// <summary>MQTT password.</summary>
    public string Password { get; }

    /// <summary>The physical station: hardware and people.</summary>
    public StationSite Site { get; }

    /// <summary>The board's clock.</summary>
    public StationClock Clock { get; }

    /// <summary>The MQTT link.</summary>
    public MqttStationLink Link { get; }

    /// <summary>The flash file system (kept across reboots).</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>The station config kept in flash (what the firmware boots with); set from the profile, replaced by `config.set`.</summary>
    public byte[] StoredConfigJson { get; set; } = [];

    /// <summary>Virtual ms per real ms for the link timers (<see cref="FleetOptions.LinkTimeScale"/>).</summary>
    public double LinkTimeScale { get; internal set; } = 1;

    /// <summary>The reason the firmware should report for the current boot: `power`, `reboot-cmd` …</summary>
    public string BootReason { get; internal set; } = "power";

    /// <summary>Set when the firmware asked for a reboot; the station performs it after the current tick.</summary>
    public bool RebootRequested { get; private set; }

    /// <inheritdoc />
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : _random.Between(0, maxExclusive);

    /// <inheritdoc />
    public void Reboot() => RebootRequested = true;

    internal void ClearReboot() => RebootRequested = false;
}

/// <summary>The program running on a board (the real Core runtime, or a stand-in in tests).</summary>
public interface IStationFirmware
{
    /// <summary>One pass of the main loop.</summary>
    void Tick();

    /// <summary>Clean shutdown before a requested reboot (publish offline, save state).</summary>
    void Shutdown();
}

/// <summary>Builds the firmware for a board at each boot (a reboot gets a fresh instance over the same flash).</summary>
public delegate IStationFirmware FirmwareFactory(StationBoard board);
