namespace Stations.Simulator.Profiles;

/// <summary>
/// What kind of station a virtual station is: how busy, when open, what is fitted and how well it is kept.
/// The four built-in profiles (<see cref="StationProfiles"/>) spread the fleet's star ratings from 1 to 5.
/// </summary>
public sealed record StationProfile
{
    /// <summary>Short name used on the command line (`busy`, `quiet`, `smart`, `neglected`).</summary>
    public required string Name { get; init; }

    /// <summary>Mean visits on an open weekday.</summary>
    public required double VisitsPerDay { get; init; }

    /// <summary>Scheduled opening, local hour (ignored when <see cref="OpenAllDay"/>).</summary>
    public int OpenHour { get; init; } = 8;

    /// <summary>Scheduled closing, local hour.</summary>
    public int CloseHour { get; init; } = 20;

    /// <summary>Open 24 hours.</summary>
    public bool OpenAllDay { get; init; }

    /// <summary>Staffed while open (a manager flips the open sign); unattended stations follow the schedule.</summary>
    public bool Attended { get; init; } = true;

    /// <summary>Probability that the manager does not open at all on a given day.</summary>
    public double DayClosedChance { get; init; }

    /// <summary>Mean minutes the manager is late (exponentially distributed, 0 = on time).</summary>
    public double LateOpeningMeanMinutes { get; init; }

    /// <summary>E-bike outlets outside (`ebike1`, `ebike2` …).</summary>
    public int EBikeOutlets { get; init; } = 1;

    /// <summary>Phone charging outlets (`phone1` …).</summary>
    public int PhoneOutlets { get; init; } = 1;

    /// <summary>Heating/cooling unit (`ac1`) fitted.</summary>
    public bool HasHvac { get; init; } = true;

    /// <summary>A people-counting beam (`beam1`) as well as the door contact.</summary>
    public bool HasVisitorBeam { get; init; }

    /// <summary>Share of visitors who take water.</summary>
    public double DrinkChance { get; init; } = 0.55;

    /// <summary>Share of visitors who charge a phone.</summary>
    public double PhoneChargeChance { get; init; } = 0.25;

    /// <summary>Share of visitors (riders) who charge an e-bike.</summary>
    public double EBikeChargeChance { get; init; } = 0.2;

    /// <summary>The dispenser's tank runs dry now and then and is refilled late (days).</summary>
    public double DispenserDryChancePerDay { get; init; }

    /// <summary>Share of climate probe reads that fail (a failing sensor is around 0.3).</summary>
    public double ProbeReadFailureRate { get; init; } = 0.01;

    /// <summary>Multiplies the fleet's random fault rates for this profile.</summary>
    public double FaultRateMultiplier { get; init; } = 1.0;

    /// <summary>Walls' thermal time constant.</summary>
    public double InsulationHours { get; init; } = 3.0;
}
