using System.Reflection;

namespace Stations.Ratings.Rubrics;

/// <summary>A validated, versioned star-rating rubric: items, weights, curves, star thresholds, caps, gates, hysteresis, evidence rule.</summary>
public sealed record Rubric
{
    /// <summary>Rubric id, e.g. <c>default</c> or <c>fujian</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Version label; a changed rubric gets a new version (ratings keep the one they were made with).</summary>
    public required string Version { get; init; }

    /// <summary>Region the rubric is for (province name or <c>*</c> for the default).</summary>
    public required string Region { get; init; }

    /// <summary>SHA-256 (hex) of the rubric file's bytes: proves which exact rules produced a stored rating.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>Item groups in display order.</summary>
    public required IReadOnlyList<RubricGroup> Groups { get; init; }

    /// <summary>Scored items in display order.</summary>
    public required IReadOnlyList<RubricItem> Items { get; init; }

    /// <summary>Star thresholds, highest star first.</summary>
    public required IReadOnlyList<StarThreshold> Stars { get; init; }

    /// <summary>Hard caps.</summary>
    public required IReadOnlyList<HardCap> Caps { get; init; }

    /// <summary>Facility requirements per star level (from the station profile).</summary>
    public required IReadOnlyList<ProfileGate> ProfileGates { get; init; }

    /// <summary>Consecutive qualifying periods needed for a promotion (2 = this month and last month).</summary>
    public required int PromotionConsecutivePeriods { get; init; }

    /// <summary>The metric the evidence rule tests (telemetry completeness).</summary>
    public required string EvidenceMetric { get; init; }

    /// <summary>Below this evidence value the previous star is kept and the rating says 证据不足.</summary>
    public required double EvidenceMinimum { get; init; }

    /// <summary>Weight of a heat-wave day's minutes in the comfort share (2 = count double).</summary>
    public required double HeatWaveDayWeight { get; init; }

    /// <summary>Total points of all items (100 for the default rubric).</summary>
    public double MaxScore => maxScore ??= Items.Sum(i => i.MaxPoints);

    private double? maxScore;

    /// <summary>The minimum score for <paramref name="stars"/>, or null for 0 stars.</summary>
    public double? MinScoreFor(int stars) => Stars.FirstOrDefault(s => s.Stars == stars)?.MinScore;

    /// <summary>The rubric shipped with the library (<c>rubrics/default-v1.json</c>).</summary>
    public static Rubric Default { get; } = LoadEmbedded("default-v1.json");

    /// <summary>Every rubric shipped with the library (rubrics/*.json): a stored rating is re-scored with the one it names.</summary>
    public static IReadOnlyList<Rubric> Shipped => shipped ??= Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith("Stations.Ratings.Rubrics.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n["Stations.Ratings.Rubrics.".Length..])
        .Order(StringComparer.Ordinal)
        .Select(f => f == "default-v1.json" ? Default : LoadEmbedded(f))
        .ToList();

    private static IReadOnlyList<Rubric>? shipped;

    /// <summary>The shipped rubric with this id and version, or null (e.g. a rating made by a newer gateway).</summary>
    public static Rubric? Find(string id, string version) => Shipped.FirstOrDefault(r => r.Id == id && r.Version == version);

    private static Rubric LoadEmbedded(string fileName)
    {
        var name = "Stations.Ratings.Rubrics." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded rubric '{name}' is missing; rebuild Stations.Ratings with rubrics/{fileName} present.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return RubricLoader.Parse(buffer.ToArray(), fileName);
    }
}
