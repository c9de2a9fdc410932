using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stations.Ratings.Rubrics;

/// <summary>Reads rubric JSON files and validates them, naming each bad field and its fix.</summary>
public static class RubricLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and validates one rubric file.</summary>
    /// <param name="path">The rubric file.</param>
    /// <param name="messages">Language of the problems (English when null).</param>
    public static Rubric LoadFile(string path, RatingMessages? messages = null)
    {
        var m = messages ?? RatingMessages.English;
        if (!File.Exists(path))
        {
            throw new RubricValidationException(path, [m.Format("FileNotFound")], m);
        }

        return Parse(File.ReadAllBytes(path), Path.GetFileName(path), m);
    }

    /// <summary>Loads every <c>*.json</c> rubric in a folder; all problems of all files are reported together.</summary>
    /// <param name="folder">The folder of rubric files.</param>
    /// <param name="messages">Language of the problems (English when null).</param>
    public static IReadOnlyList<Rubric> LoadDirectory(string folder, RatingMessages? messages = null)
    {
        var m = messages ?? RatingMessages.English;
        var rubrics = new List<Rubric>();
        var errors = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                rubrics.Add(LoadFile(file, m));
            }
            catch (RubricValidationException e)
            {
                errors.AddRange(e.Errors.Select(x => Path.GetFileName(file) + ": " + x));
            }
        }

        foreach (var dup in rubrics.GroupBy(r => (r.Id, r.Version)).Where(g => g.Count() > 1))
        {
            errors.Add(m.Format("DuplicateVersion", dup.Key.Id, dup.Key.Version, dup.Count()));
        }

        if (errors.Count > 0)
        {
            throw new RubricValidationException(folder, errors, m);
        }

        return rubrics;
    }

    /// <summary>Parses and validates rubric JSON bytes; <paramref name="source"/> names the file in errors.</summary>
    /// <param name="json">The file's bytes (UTF-8).</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="messages">Language of the problems (English when null).</param>
    public static Rubric Parse(byte[] json, string source, RatingMessages? messages = null)
    {
        var m = messages ?? RatingMessages.English;
        RubricDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<RubricDocument>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : e.Path + " ";
            var line = e.LineNumber is null ? "" : m.Format("JsonLine", e.LineNumber + 1);
            throw new RubricValidationException(source, [m.Format("JsonInvalid", where, line, FirstLine(e.Message))], m);
        }

        if (doc is null)
        {
            throw new RubricValidationException(source, [m.Format("FileEmpty")], m);
        }

        var errors = new Problems(m);
        var rubric = Validate(doc, Convert.ToHexStringLower(SHA256.HashData(json)), errors);
        if (errors.Count > 0 || rubric is null)
        {
            throw new RubricValidationException(source, errors, m);
        }

        return rubric;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Rubric? Validate(RubricDocument doc, string sha, Problems errors)
    {
        Require(doc.Id, "id", "FixId", errors);
        Require(doc.Version, "version", "FixVersion", errors);
        var groups = new List<RubricGroup>();
        var items = new List<RubricItem>();
        if (doc.Groups is null || doc.Groups.Count == 0)
        {
            errors.Report("GroupsMissing");
        }
        else
        {
            for (var g = 0; g < doc.Groups.Count; g++)
            {
                ValidateGroup(doc.Groups[g], $"groups[{g}]", groups, items, errors);
            }
        }

        Duplicates(groups.Select(x => x.Id), "groups[].id", errors);
        Duplicates(items.Select(x => x.Id), "groups[].items[].id", errors);

        var stars = new List<StarThreshold>();
        if (doc.Stars is null || doc.Stars.Count == 0)
        {
            errors.Report("StarsMissing");
        }
        else
        {
            for (var i = 0; i < doc.Stars.Count; i++)
            {
                var s = doc.Stars[i];
                var at = $"stars[{i}]";
                if (s.Stars is not (>= 1 and <= 5))
                {
                    errors.Report("StarLevelInvalid", at, errors.Show(s.Stars));
                    continue;
                }

                if (s.MinScore is null || s.MinScore < 0)
                {
                    errors.Report("MinScoreInvalid", at, errors.Show(s.MinScore), s.Stars);
                    continue;
                }

                stars.Add(new StarThreshold(s.Stars.Value, s.MinScore.Value));
            }

            Duplicates(stars.Select(s => s.Stars.ToString(CultureInfo.InvariantCulture)), "stars[].stars", errors);
            var ordered = stars.OrderByDescending(s => s.Stars).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].MinScore >= ordered[i - 1].MinScore)
                {
                    errors.Report("StarsNotIncreasing", ordered[i].Stars, ordered[i].MinScore, ordered[i - 1].Stars, ordered[i - 1].MinScore);
                }
            }

            var maxScore = items.Sum(i => i.MaxPoints);
            foreach (var s in ordered.Where(s => items.Count > 0 && s.MinScore > maxScore))
            {
                errors.Report("StarsAboveMax", s.Stars, s.MinScore, maxScore);
            }

            stars = ordered;
        }

        var metrics = new HashSet<string>(MetricIds.All, StringComparer.Ordinal);
        var caps = new List<HardCap>();
        for (var i = 0; i < (doc.Caps?.Count ?? 0); i++)
        {
            var c = doc.Caps![i];
            var at = $"caps[{i}]";
            var ok = Require(c.Id, at + ".id", "FixCapId", errors);
            ok &= KnownMetric(c.Metric, at + ".metric", metrics, errors);
            if (c.Below is null)
            {
                errors.Report("CapBelowMissing", at);
                ok = false;
            }

            if (c.MaxStars is not (>= 0 and <= 4))
            {
                errors.Report("CapMaxStarsInvalid", at, errors.Show(c.MaxStars));
                ok = false;
            }

            var reason = Text(c.Reason, at + ".reason", errors);
            if (ok && reason is not null)
            {
                caps.Add(new HardCap { Id = c.Id!, Metric = c.Metric!, Below = c.Below!.Value, MaxStars = c.MaxStars!.Value, Reason = reason });
            }
        }

        Duplicates(caps.Select(c => c.Id), "caps[].id", errors);

        var gates = new List<ProfileGate>();
        for (var i = 0; i < (doc.ProfileGates?.Count ?? 0); i++)
        {
            var g = doc.ProfileGates![i];
            var at = $"profileGates[{i}]";
            if (g.Stars is not (>= 1 and <= 5))
            {
                errors.Report("GateStarsInvalid", at, errors.Show(g.Stars));
                continue;
            }

            if (g.MinAreaSquareMetres < 0 || g.MinSeats < 0 || g.MinSpecialServices < 0)
            {
                errors.Report("GateNegative", at);
                continue;
            }

            gates.Add(new ProfileGate
            {
                Stars = g.Stars.Value,
                MinAreaSquareMetres = g.MinAreaSquareMetres ?? 0,
                MinSeats = g.MinSeats ?? 0,
                RequiresAed = g.RequiresAed ?? false,
                MinSpecialServices = g.MinSpecialServices ?? 0,
            });
        }

        var consecutive = doc.Hysteresis?.PromotionConsecutivePeriods;
        if (consecutive is not (>= 1 and <= 12))
        {
            errors.Report("HysteresisInvalid", errors.Show(consecutive));
        }

        var evidenceMetric = doc.Evidence?.Metric;
        KnownMetric(evidenceMetric, "evidence.metric", metrics, errors);
        var evidenceMinimum = doc.Evidence?.Minimum;
        if (evidenceMinimum is not (>= 0 and <= 1))
        {
            errors.Report("EvidenceMinimumInvalid", errors.Show(evidenceMinimum));
        }

        var heat = doc.HeatWaveDayWeight ?? 1;
        if (heat is < 1 or > 10)
        {
            errors.Report("HeatWeightInvalid", heat);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new Rubric
        {
            Id = doc.Id!,
            Version = doc.Version!,
            Region = string.IsNullOrWhiteSpace(doc.Region) ? "*" : doc.Region,
            ContentSha256 = sha,
            Groups = groups,
            Items = items,
            Stars = stars,
            Caps = caps,
            ProfileGates = gates.OrderBy(g => g.Stars).ToList(),
            PromotionConsecutivePeriods = consecutive!.Value,
            EvidenceMetric = evidenceMetric!,
            EvidenceMinimum = evidenceMinimum!.Value,
            HeatWaveDayWeight = heat,
        };
    }

    private static void ValidateGroup(RubricDocument.GroupDocument group, string at, List<RubricGroup> groups, List<RubricItem> items, Problems errors)
    {
        var ok = Require(group.Id, at + ".id", "FixGroupId", errors);
        var name = Text(group.Name, at + ".name", errors);
        if (group.MaxPoints is null or <= 0)
        {
            errors.Report("GroupMaxPointsInvalid", at, errors.Show(group.MaxPoints));
            ok = false;
        }

        if (group.Items is null || group.Items.Count == 0)
        {
            errors.Report("GroupItemsMissing", at);
            return;
        }

        var metrics = new HashSet<string>(MetricIds.All, StringComparer.Ordinal);
        double sum = 0;
        for (var i = 0; i < group.Items.Count; i++)
        {
            var item = ValidateItem(group.Items[i], $"{at}.items[{i}]", group.Id ?? "", metrics, errors);
            if (item is not null)
            {
                items.Add(item);
                sum += item.MaxPoints;
            }
        }

        if (ok && name is not null)
        {
            if (Math.Abs(sum - group.MaxPoints!.Value) > 1e-9 && items.Count > 0)
            {
                errors.Report("GroupSumMismatch", at, group.MaxPoints, sum);
            }

            groups.Add(new RubricGroup(group.Id!, name, group.MaxPoints!.Value));
        }
    }

    private static RubricItem? ValidateItem(RubricDocument.ItemDocument item, string at, string groupId, HashSet<string> metrics, Problems errors)
    {
        var ok = Require(item.Id, at + ".id", "FixItemId", errors);
        var name = Text(item.Name, at + ".name", errors);
        ok &= KnownMetric(item.Metric, at + ".metric", metrics, errors);
        if (item.MaxPoints is null or <= 0)
        {
            errors.Report("ItemMaxPointsInvalid", at, errors.Show(item.MaxPoints));
            ok = false;
        }

        var full = false;
        switch (item.WhenNoData)
        {
            case null or "zero":
                break;
            case "full":
                full = true;
                break;
            default:
                errors.Report("WhenNoDataInvalid", at, item.WhenNoData);
                ok = false;
                break;
        }

        var bps = item.Breakpoints;
        if (bps is null || bps.Count < 2)
        {
            errors.Report("BreakpointsTooFew", at);
            return null;
        }

        var list = new List<Breakpoint>();
        for (var i = 0; i < bps.Count; i++)
        {
            var b = bps[i];
            if (b.Value is null || b.Points is null || double.IsNaN(b.Value.Value) || double.IsNaN(b.Points.Value))
            {
                errors.Report("BreakpointIncomplete", at, i);
                ok = false;
                continue;
            }

            if (list.Count > 0 && b.Value <= list[^1].Value)
            {
                errors.Report("BreakpointOrder", at, i, b.Value, list[^1].Value);
                ok = false;
            }

            if (b.Points < 0 || (item.MaxPoints is not null && b.Points > item.MaxPoints + 1e-9))
            {
                errors.Report("BreakpointPointsRange", at, i, b.Points, errors.Show(item.MaxPoints));
                ok = false;
            }

            list.Add(new Breakpoint(b.Value.Value, b.Points.Value));
        }

        if (!ok || name is null)
        {
            return null;
        }

        var rising = list[^1].Points >= list[0].Points;
        for (var i = 1; i < list.Count; i++)
        {
            if (rising ? list[i].Points < list[i - 1].Points : list[i].Points > list[i - 1].Points)
            {
                errors.Report(rising ? "CurveRisingGoesDown" : "CurveFallingGoesUp", at, i);
                return null;
            }
        }

        var best = Math.Max(list[0].Points, list[^1].Points);
        if (Math.Abs(best - item.MaxPoints!.Value) > 1e-9)
        {
            errors.Report("BestEndMismatch", at, best, item.MaxPoints);
            return null;
        }

        return new RubricItem
        {
            Id = item.Id!,
            GroupId = groupId,
            Name = name,
            Metric = item.Metric!,
            MaxPoints = item.MaxPoints.Value,
            Breakpoints = list,
            FullPointsWithoutData = full,
        };
    }

    private static bool Require(string? value, string at, string fixKey, Problems errors)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        errors.Report("FieldMissing", at, errors.Messages.Format(fixKey));
        return false;
    }

    private static bool KnownMetric(string? metric, string at, HashSet<string> metrics, Problems errors)
    {
        if (metric is not null && metrics.Contains(metric))
        {
            return true;
        }

        if (metric is null)
        {
            errors.Report("MetricMissing", at, string.Join(", ", MetricIds.All));
        }
        else
        {
            errors.Report("MetricUnknown", at, metric, string.Join(", ", MetricIds.All));
        }

        return false;
    }

    private static LocalizedText? Text(RubricDocument.TextDocument? text, string at, Problems errors)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Zh))
        {
            errors.Report("TextMissing", at);
            return null;
        }

        return new LocalizedText(text.Zh, text.En ?? "");
    }

    private static void Duplicates(IEnumerable<string> ids, string at, Problems errors)
    {
        foreach (var dup in ids.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Report("DuplicateId", at, dup.Key, dup.Count());
        }
    }

    /// <summary>The problems found so far, each in the chosen language.</summary>
    private sealed class Problems(RatingMessages messages) : List<string>
    {
        public RatingMessages Messages { get; } = messages;

        public void Report(string key, params object?[] args) => Add(Messages.Format(key, args));

        public string Show(object? value) => value is null ? Messages.Format("Missing") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? Messages.Format("Missing");
    }
}
