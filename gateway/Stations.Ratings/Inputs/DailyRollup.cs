namespace Stations.Ratings.Inputs;

/// <summary>One station's usage and health for one station-local day: the input contract the gateway's rollups fill.</summary>
/// <remarks>Minutes are whole minutes of the local day. "Expected" minutes are the minutes a device class should have
/// been available (0 when the station has no such device); "available" minutes are those it actually was.</remarks>
public sealed record DailyRollup
{
    /// <summary>Station identifier, as in the MQTT topic <c>ss/v1/{station}/...</c>.</summary>
    public required string StationId { get; init; }

    /// <summary>Station-local calendar day (the station's time zone, default Asia/Shanghai).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Minutes the station was scheduled to be open this day (0 = not a scheduled day; 1440 for 24-hour stations).</summary>
    public int ScheduledMinutes { get; init; }

    /// <summary>Scheduled minutes during which the station was actually open and accessible.</summary>
    public int OpenMinutesWithinSchedule { get; init; }

    /// <summary>On a scheduled day: whether it opened within the grace time of the scheduled opening.</summary>
    public bool OpenedOnTime { get; init; }

    /// <summary>Visits counted (people entering), replays already removed.</summary>
    public int Visits { get; init; }

    /// <summary>Drinking water dispensed, litres.</summary>
    public double Litres { get; init; }

    /// <summary>E-bike and phone charging sessions started.</summary>
    public int ChargingSessions { get; init; }

    /// <summary>Charging energy delivered, watt-hours.</summary>
    public double EnergyWh { get; init; }

    /// <summary>Telemetry messages the station should have sent this day (e.g. 1440 at one a minute).</summary>
    public int TelemetryExpected { get; init; }

    /// <summary>Distinct telemetry messages received for this day (late replays included, duplicates not).</summary>
    public int TelemetryReceived { get; init; }

    /// <summary>Minutes the water dispenser was available.</summary>
    public int DispenserAvailableMinutes { get; init; }

    /// <summary>Minutes the water dispenser should have been available (0 = no dispenser).</summary>
    public int DispenserExpectedMinutes { get; init; }

    /// <summary>Outlet-minutes the charging outlets were available (summed over outlets).</summary>
    public int OutletAvailableMinutes { get; init; }

    /// <summary>Outlet-minutes the charging outlets should have been available (0 = no outlets).</summary>
    public int OutletExpectedMinutes { get; init; }

    /// <summary>Minutes the climate equipment and its sensors were available.</summary>
    public int ClimateAvailableMinutes { get; init; }

    /// <summary>Minutes the climate equipment and its sensors should have been available (0 = none).</summary>
    public int ClimateExpectedMinutes { get; init; }

    /// <summary>Open minutes with a valid indoor temperature reading.</summary>
    public int OccupiedMinutes { get; init; }

    /// <summary>Of the occupied minutes, those inside the seasonal comfort band.</summary>
    public int ComfortMinutes { get; init; }

    /// <summary>Whether the day was an official heat-wave day (高温天): its comfort minutes count double.</summary>
    public bool HeatWaveDay { get; init; }

    /// <summary>Of the occupied minutes, those above 32 °C.</summary>
    public int MinutesAbove32 { get; init; }

    /// <summary>Of the occupied minutes, those below 10 °C.</summary>
    public int MinutesBelow10 { get; init; }

    /// <summary>Outlet safety trips (overload, over-temperature) this day.</summary>
    public int SafetyTrips { get; init; }
}
