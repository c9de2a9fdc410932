namespace Stations.Gateway.Alarms;

/// <summary>Alarm codes the gateway raises itself (stations' own codes are in docs/protocol.md) and severities.</summary>
public static class AlarmCodes
{
    /// <summary>No message within the inactivity timeout, or the will was published.</summary>
    public const string StationOffline = "station.offline";

    /// <summary>A safety cut (overtemp, overload, valve timeout, relay stuck).</summary>
    public const string SafetyTrip = "safety.trip";

    /// <summary>A door open longer than the configured time.</summary>
    public const string DoorLeftOpen = "door.left-open";

    /// <summary>Indoor temperature above the configured limit.</summary>
    public const string TooHot = "temp.high";

    /// <summary>A climate probe reports a fault.</summary>
    public const string ProbeFault = "probe.fault";

    /// <summary>A dispenser reports dry.</summary>
    public const string DispenserDry = "dispenser.dry";

    /// <summary>A dispenser reports a leak.</summary>
    public const string DispenserLeak = "dispenser.leak";

    static readonly HashSet<string> Critical = ["outlet.lockout", "dispenser.leak", "relay.stuck", "safe-mode", SafetyTrip];

    /// <summary>`crit` or `warn` for a code.</summary>
    public static string SeverityOf(string code) => Critical.Contains(code) ? "crit" : "warn";
}
