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
    public static Rubric LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new RubricValidationException(path, [$"file not found; fix: check the path (rubric files live in rubrics/, e.g. rubrics/default-v1.json)"]);
        }

        return Parse(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Loads every <c>*.json</c> rubric in a folder; all problems of all files are reported together.</summary>
    public static IReadOnlyList<Rubric> LoadDirectory(string folder)
    {
        var rubrics = new List<Rubric>();
        var errors = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                rubrics.Add(LoadFile(file));
            }
            catch (RubricValidationException e)
            {
                errors.AddRange(e.Errors.Select(x => Path.GetFileName(file) + ": " + x));
            }
        }

        foreach (var dup in rubrics.GroupBy(r => (r.Id, r.Version)).Where(g => g.Count() > 1))
        {
            errors.Add($"id '{dup.Key.Id}' version '{dup.Key.Version}' appears in {dup.Count()} files; fix: give each changed rubric a new version");
        }

        if (errors.Count > 0)
        {
            throw new RubricValidationException(folder, errors);
        }

        return rubrics;
    }

    /// <summary>Parses and validates rubric JSON bytes; <paramref name="source"/> names the file in errors.</summary>
    public static Rubric Parse(byte[] json, string source)
    {
        RubricDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<RubricDocument>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : e.Path + " ";
            var line = e.LineNumber is null ? "" : $"(line {e.LineNumber + 1}) ";
            throw new RubricValidationException(source, [$"{where}{line}: {FirstLine(e.Message)}; fix: correct the JSON (field names are camelCase, numbers unquoted, see docs/ratings.md)"]);
        }

        if (doc is null)
        {
            throw new RubricValidationException(source, ["the file is empty or 'null'; fix: start from rubrics/default-v1.json"]);
        }

        var errors = new List<string>();
        var rubric = Validate(doc, Convert.ToHexStringLower(SHA256.HashData(json)), errors);
        if (errors.Count > 0 || rubric is null)
        {
            throw new RubricValidationException(source, errors);
        }

        return rubric;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Rubric? Validate(RubricDocument doc, string sha, List<string> errors)
    {
        Require(doc.Id, "id", "set a short id such as \"default\" or \"fujian\"", errors);
        Require(doc.Version, "version", "set a version such as \"1\"; change it whenever the rules change", errors);
        var groups = new List<RubricGroup>();
        var items = new List<RubricItem>();
        if (doc.Groups is null || doc.Groups.Count == 0)
        {
            errors.Add("groups: missing or empty; fix: list the item groups (quantity, opening, devices, comfort, faults)");
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
            errors.Add("stars: missing or empty; fix: list {\"stars\": 1..5, \"minScore\": ...} for each star level");
        }
        else
        {
            for (var i = 0; i < doc.Stars.Count; i++)
            {
                var s = doc.Stars[i];
                var at = $"stars[{i}]";
                if (s.Stars is not (>= 1 and <= 5))
                {
                    errors.Add($"{at}.stars: {Show(s.Stars)} is not a star level; fix: use 1 to 5 (below the 1-star threshold a station is 整改)");
                    continue;
                }

                if (s.MinScore is null || s.MinScore < 0)
                {
                    errors.Add($"{at}.minScore: {Show(s.MinScore)}; fix: give the minimum score (0..100) for {s.Stars} stars");
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
                    errors.Add($"stars: {ordered[i].Stars} stars needs {ordered[i].MinScore} but {ordered[i - 1].Stars} stars only {ordered[i - 1].MinScore}; fix: a higher star must need a strictly higher minScore");
                }
            }

            var maxScore = items.Sum(i => i.MaxPoints);
            foreach (var s in ordered.Where(s => items.Count > 0 && s.MinScore > maxScore))
            {
                errors.Add($"stars: {s.Stars} stars needs {s.MinScore} but the items add up to only {maxScore}; fix: lower minScore or raise item points");
            }

            stars = ordered;
        }

        var metrics = new HashSet<string>(MetricIds.All, StringComparer.Ordinal);
        var caps = new List<HardCap>();
        for (var i = 0; i < (doc.Caps?.Count ?? 0); i++)
        {
            var c = doc.Caps![i];
            var at = $"caps[{i}]";
            var ok = Require(c.Id, at + ".id", "name the cap, e.g. \"adherenceBelow80\"", errors);
            ok &= KnownMetric(c.Metric, at + ".metric", metrics, errors);
            if (c.Below is null)
            {
                errors.Add($"{at}.below: missing; fix: give the value under which the cap applies (e.g. 0.8 for 80%)");
                ok = false;
            }

            if (c.MaxStars is not (>= 0 and <= 4))
            {
                errors.Add($"{at}.maxStars: {Show(c.MaxStars)}; fix: use 0..4 (the highest star allowed while capped)");
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
                errors.Add($"{at}.stars: {Show(g.Stars)}; fix: the star level the requirements gate, 1..5");
                continue;
            }

            if (g.MinAreaSquareMetres < 0 || g.MinSeats < 0 || g.MinSpecialServices < 0)
            {
                errors.Add($"{at}: negative requirement; fix: use 0 (no requirement) or a positive minimum");
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
            errors.Add($"hysteresis.promotionConsecutivePeriods: {Show(consecutive)}; fix: use 1 (promote at once) to 12; the domain rule is 2");
        }

        var evidenceMetric = doc.Evidence?.Metric;
        KnownMetric(evidenceMetric, "evidence.metric", metrics, errors);
        var evidenceMinimum = doc.Evidence?.Minimum;
        if (evidenceMinimum is not (>= 0 and <= 1))
        {
            errors.Add($"evidence.minimum: {Show(evidenceMinimum)}; fix: a share 0..1, e.g. 0.9 for 90% telemetry completeness");
        }

        var heat = doc.HeatWaveDayWeight ?? 1;
        if (heat is < 1 or > 10)
        {
            errors.Add($"heatWaveDayWeight: {heat}; fix: use 1 (no extra weight) to 10; the domain rule is 2 (count double)");
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

    private static void ValidateGroup(RubricDocument.GroupDocument group, string at, List<RubricGroup> groups, List<RubricItem> items, List<string> errors)
    {
        var ok = Require(group.Id, at + ".id", "name the group, e.g. \"quantity\"", errors);
        var name = Text(group.Name, at + ".name", errors);
        if (group.MaxPoints is null or <= 0)
        {
            errors.Add($"{at}.maxPoints: {Show(group.MaxPoints)}; fix: give the group's share of the score, e.g. 30");
            ok = false;
        }

        if (group.Items is null || group.Items.Count == 0)
        {
            errors.Add($"{at}.items: missing or empty; fix: list at least one item");
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
                errors.Add($"{at}.maxPoints: {group.MaxPoints} but its items add up to {sum}; fix: make the item maxPoints sum to the group's maxPoints");
            }

            groups.Add(new RubricGroup(group.Id!, name, group.MaxPoints!.Value));
        }
    }

    private static RubricItem? ValidateItem(RubricDocument.ItemDocument item, string at, string groupId, HashSet<string> metrics, List<string> errors)
    {
        var ok = Require(item.Id, at + ".id", "name the item, e.g. \"adherence\"", errors);
        var name = Text(item.Name, at + ".name", errors);
        ok &= KnownMetric(item.Metric, at + ".metric", metrics, errors);
        if (item.MaxPoints is null or <= 0)
        {
            errors.Add($"{at}.maxPoints: {Show(item.MaxPoints)}; fix: give the item's points, e.g. 16");
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
                errors.Add($"{at}.whenNoData: \"{item.WhenNoData}\"; fix: use \"full\" or \"zero\"");
                ok = false;
                break;
        }

        var bps = item.Breakpoints;
        if (bps is null || bps.Count < 2)
        {
            errors.Add($"{at}.breakpoints: need at least 2 points; fix: list {{\"value\": x, \"points\": p}} corners of the curve in increasing value order");
            return null;
        }

        var list = new List<Breakpoint>();
        for (var i = 0; i < bps.Count; i++)
        {
            var b = bps[i];
            if (b.Value is null || b.Points is null || double.IsNaN(b.Value.Value) || double.IsNaN(b.Points.Value))
            {
                errors.Add($"{at}.breakpoints[{i}]: needs both \"value\" and \"points\"; fix: add the missing number");
                ok = false;
                continue;
            }

            if (list.Count > 0 && b.Value <= list[^1].Value)
            {
                errors.Add($"{at}.breakpoints[{i}].value: {b.Value} is not greater than the previous value {list[^1].Value}; fix: list breakpoints in strictly increasing value order");
                ok = false;
            }

            if (b.Points < 0 || (item.MaxPoints is not null && b.Points > item.MaxPoints + 1e-9))
            {
                errors.Add($"{at}.breakpoints[{i}].points: {b.Points} is outside 0..{Show(item.MaxPoints)}; fix: points lie between 0 and the item's maxPoints");
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
                errors.Add($"{at}.breakpoints[{i}].points: the curve goes {(rising ? "down" : "up")} here but {(rising ? "up" : "down")} overall; fix: points must only rise (higher is better) or only fall (lower is better)");
                return null;
            }
        }

        var best = Math.Max(list[0].Points, list[^1].Points);
        if (Math.Abs(best - item.MaxPoints!.Value) > 1e-9)
        {
            errors.Add($"{at}.breakpoints: the best end gives {best} points but maxPoints is {item.MaxPoints}; fix: the best breakpoint must give exactly maxPoints");
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

    private static bool Require(string? value, string at, string fix, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        errors.Add($"{at}: missing; fix: {fix}");
        return false;
    }

    private static bool KnownMetric(string? metric, string at, HashSet<string> metrics, List<string> errors)
    {
        if (metric is not null && metrics.Contains(metric))
        {
            return true;
        }

        errors.Add($"{at}: {(metric is null ? "missing" : $"unknown metric \"{metric}\"")}; fix: use one of {string.Join(", ", MetricIds.All)}");
        return false;
    }

    private static LocalizedText? Text(RubricDocument.TextDocument? text, string at, List<string> errors)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Zh))
        {
            errors.Add($"{at}.zh: missing; fix: give the Chinese name (and \"en\" for English)");
            return null;
        }

        return new LocalizedText(text.Zh, text.En ?? "");
    }

    private static void Duplicates(IEnumerable<string> ids, string at, List<string> errors)
    {
        foreach (var dup in ids.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{at}: \"{dup.Key}\" is used {dup.Count()} times; fix: make each id unique");
        }
    }

    private static string Show(object? value) => value is null ? "missing" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "missing";
}
