namespace Stations.Simulator.Profiles;

/// <summary>The built-in station profiles and the parser for a profile mix such as `busy:4,quiet:3,smart:2,neglected:1`.</summary>
public static class StationProfiles
{
    /// <summary>A busy city-centre station: many riders, staffed 07:00–21:00, well kept.</summary>
    public static readonly StationProfile Busy = new()
    {
        Name = "busy", VisitsPerDay = 45, OpenHour = 7, CloseHour = 21, EBikeOutlets = 2, PhoneOutlets = 2,
        DayClosedChance = 0.01, LateOpeningMeanMinutes = 3,
    };

    /// <summary>A quiet suburban station: few visits, staffed 08:00–18:00, no cooling.</summary>
    public static readonly StationProfile Quiet = new()
    {
        Name = "quiet", VisitsPerDay = 8, OpenHour = 8, CloseHour = 18, EBikeOutlets = 1, PhoneOutlets = 1, HasHvac = false,
        DayClosedChance = 0.03, LateOpeningMeanMinutes = 10, InsulationHours = 2,
    };

    /// <summary>A 24-hour unattended smart station: QR access, people-counting beam, remote power cut.</summary>
    public static readonly StationProfile Smart = new()
    {
        Name = "smart", VisitsPerDay = 15, OpenAllDay = true, Attended = false, EBikeOutlets = 2, PhoneOutlets = 1,
        HasVisitorBeam = true, DispenserDryChancePerDay = 0.02,
    };

    /// <summary>A neglected station: often closed, opens late, the dispenser runs dry for days, a failing probe.</summary>
    public static readonly StationProfile Neglected = new()
    {
        Name = "neglected", VisitsPerDay = 4, OpenHour = 9, CloseHour = 17, EBikeOutlets = 1, PhoneOutlets = 0, HasHvac = false,
        DayClosedChance = 0.35, LateOpeningMeanMinutes = 75, DispenserDryChancePerDay = 0.25, ProbeReadFailureRate = 0.3,
        FaultRateMultiplier = 4, DrinkChance = 0.4, InsulationHours = 1.5,
    };

    /// <summary>Every built-in profile by name.</summary>
    public static IReadOnlyList<StationProfile> All { get; } = [Busy, Quiet, Smart, Neglected];

    /// <summary>The default mix: mostly ordinary stations, a few smart and neglected ones.</summary>
    public const string DefaultMix = "busy:3,quiet:4,smart:2,neglected:1";

    /// <summary>Finds a profile by name (case-insensitive), or null.</summary>
    public static StationProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses `name:weight,name:weight`. Throws <see cref="FormatException"/> naming the bad part and the known names.
    /// </summary>
    public static IReadOnlyList<(StationProfile Profile, double Weight)> ParseMix(string mix)
    {
        var result = new List<(StationProfile, double)>();
        foreach (string part in mix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = part.Split(':', StringSplitOptions.TrimEntries);
            var profile = Find(kv[0]) ?? throw new FormatException(
                $"Unknown station profile '{kv[0]}' in '{mix}'. Use names from: {string.Join(", ", All.Select(p => p.Name))}.");
            double weight = 1;
            if (kv.Length > 2 || (kv.Length == 2 && (!double.TryParse(kv[1], System.Globalization.CultureInfo.InvariantCulture, out weight) || weight < 0)))
                throw new FormatException($"Bad weight in '{part}': write name:weight with a number ≥ 0, e.g. busy:3.");
            result.Add((profile, weight));
        }
        if (result.Count == 0 || result.Sum(r => r.Item2) <= 0)
            throw new FormatException($"The profile mix '{mix}' has no station with a positive weight; e.g. {DefaultMix}.");
        return result;
    }

    /// <summary>
    /// Assigns a profile to each of <paramref name="count"/> stations in proportion to the weights, interleaved
    /// (largest remainder first) so any prefix of the fleet has roughly the same mix.
    /// </summary>
    public static StationProfile[] Assign(IReadOnlyList<(StationProfile Profile, double Weight)> mix, int count)
    {
        double total = mix.Sum(m => m.Weight);
        var assigned = new StationProfile[count];
        var given = new int[mix.Count];
        for (int i = 0; i < count; i++)
        {
            int best = 0;
            double bestDeficit = double.MinValue;
            for (int k = 0; k < mix.Count; k++)
            {
                double deficit = (i + 1) * mix[k].Weight / total - given[k];
                if (deficit > bestDeficit + 1e-12)
                {
                    best = k;
                    bestDeficit = deficit;
                }
            }
            given[best]++;
            assigned[i] = mix[best].Profile;
        }
        return assigned;
    }
}
