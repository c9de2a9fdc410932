using System.Globalization;

namespace Stations.Simulator.Faults;

/// <summary>Random fault rates, in expected occurrences per station per virtual day (before a profile's multiplier).</summary>
public sealed record FaultRates
{
    /// <summary>No random faults.</summary>
    public static FaultRates None { get; } = new();

    /// <summary>Modest defaults: a fleet of 100 sees a few faults a day.</summary>
    public static FaultRates Default { get; } = new()
    {
        SensorFailure = 0.01, StuckRelay = 0.002, WifiDrop = 0.03, PowerLoss = 0.01, ClockNotSynced = 0.005, CorruptFlashRecord = 0.001,
    };

    /// <summary>Climate probe failures per day.</summary>
    public double SensorFailure { get; init; }

    /// <summary>Welded relays per day.</summary>
    public double StuckRelay { get; init; }

    /// <summary>Wi-Fi drops per day.</summary>
    public double WifiDrop { get; init; }

    /// <summary>Power cuts per day.</summary>
    public double PowerLoss { get; init; }

    /// <summary>SNTP outages per day.</summary>
    public double ClockNotSynced { get; init; }

    /// <summary>Flash corruptions per day.</summary>
    public double CorruptFlashRecord { get; init; }

    /// <summary>The rate of one kind.</summary>
    public double RateOf(FaultKind kind) => kind switch
    {
        FaultKind.SensorFailure => SensorFailure,
        FaultKind.StuckRelay => StuckRelay,
        FaultKind.WifiDrop => WifiDrop,
        FaultKind.PowerLoss => PowerLoss,
        FaultKind.ClockNotSynced => ClockNotSynced,
        FaultKind.CorruptFlashRecord => CorruptFlashRecord,
        _ => 0,
    };

    /// <summary>Sum of all rates.</summary>
    public double Total => Enum.GetValues<FaultKind>().Sum(RateOf);

    /// <summary>
    /// Parses `none`, `default`, or `kind=rate,…` with kinds sensor, relay, wifi, power, clock, flash
    /// (e.g. `wifi=0.5,power=0.1`). Throws <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static FaultRates Parse(string text)
    {
        text = text.Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        if (text.Equals("default", StringComparison.OrdinalIgnoreCase)) return Default;
        var rates = None;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = part.Split('=', StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || rate < 0)
                throw new FormatException($"Bad fault rate '{part}': write kind=perDay with a number ≥ 0, e.g. wifi=0.5.");
            rates = kv[0].ToLowerInvariant() switch
            {
                "sensor" => rates with { SensorFailure = rate },
                "relay" => rates with { StuckRelay = rate },
                "wifi" => rates with { WifiDrop = rate },
                "power" => rates with { PowerLoss = rate },
                "clock" => rates with { ClockNotSynced = rate },
                "flash" => rates with { CorruptFlashRecord = rate },
                _ => throw new FormatException($"Unknown fault kind '{kv[0]}' in '{part}'. Use sensor, relay, wifi, power, clock or flash."),
            };
        }
        return rates;
    }
}
