using System.Globalization;
using System.Resources;
using Stations.Ratings.Engine;
using Stations.Ratings.Rubrics;

[assembly: NeutralResourcesLanguage("zh-Hans")]

namespace Stations.Ratings.Reports;

/// <summary>Report and mail strings from Resources/ReportStrings*.resx: Chinese by default, English on request.</summary>
public sealed class ReportText
{
    private static readonly ResourceManager Resources = new("Stations.Ratings.Resources.ReportStrings", typeof(ReportText).Assembly);

    /// <summary>Creates the strings for a culture (any <c>en</c> culture gives English, everything else Chinese).</summary>
    public ReportText(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        Culture = culture;
    }

    /// <summary>Chinese (the default).</summary>
    public static ReportText Chinese { get; } = new(CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>English.</summary>
    public static ReportText English { get; } = new(CultureInfo.GetCultureInfo("en"));

    /// <summary>The culture of the strings.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Whether the strings are English.</summary>
    public bool IsEnglish => Culture.TwoLetterISOLanguageName == "en";

    /// <summary>A string by resource key.</summary>
    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"Report string '{key}' is missing from Resources/ReportStrings.resx; add it to both .resx files.");

    /// <summary>A formatted string by resource key.</summary>
    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>Star label: 整改, 一星 ... 五星, or 未评级.</summary>
    public string Stars(int? stars) => stars is null ? this["Unrated"] : this["StarLevel" + stars.Value.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Rating status label.</summary>
    public string Status(RatingStatus status) => this["Status" + status];

    /// <summary>Movement label.</summary>
    public string Movement(StarMovement movement) => this["Movement" + movement];

    /// <summary>A metric value as people read it: 91.2%, 12.5, 95 分钟.</summary>
    public string MetricValue(string metric, double value) =>
        MetricIds.IsShare(metric) ? (value * 100).ToString("0.0", Culture) + "%"
        : MetricIds.IsMinutes(metric) ? value.ToString("0", Culture)
        : value.ToString("0.0", Culture);

    /// <summary>A profile shortfall: "面积22㎡（5星需≥30㎡）".</summary>
    public string Shortfall(ProfileShortfall s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var key = "Shortfall" + char.ToUpperInvariant(s.Requirement[0]) + s.Requirement[1..];
        return Format(key, s.Stars, s.Actual, s.Required);
    }

    /// <summary>The reasons of the caps that held a rating down, joined.</summary>
    public string Caps(RatingResult rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var parts = rating.Caps.Where(c => c.Binding).SelectMany(c => c.Shortfalls.Count > 0
            ? c.Shortfalls.Select(Shortfall)
            : [c.Reason.For(Culture)]);
        return string.Join(IsEnglish ? "; " : "；", parts);
    }

    /// <summary>The best next-star advice as one line: "开放时间达标率 91.2% → 95.0%，+2.3分 → 4星".</summary>
    public string Advice(RatingResult rating, Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rating);
        ArgumentNullException.ThrowIfNull(rubric);
        var advice = rating.Advice;
        if (advice is null)
        {
            return rating.AwardedStars < rating.ComputedStars ? Format("AdvicePromotionPending", rating.ComputedStars) : this["AdviceTopStar"];
        }

        var lines = advice.Options.Where(o => o.ReachesTarget).Take(2).Select(o => Option(o, rubric)).ToList();
        if (lines.Count == 0)
        {
            lines.AddRange(advice.ProfileShortfalls.Select(Shortfall));
            lines.AddRange(advice.Options.Take(1).Select(o => Option(o, rubric)));
        }

        return lines.Count == 0 ? this["AdviceNone"] : string.Join(IsEnglish ? "; " : "；", lines);
    }

    /// <summary>One advice option as a sentence.</summary>
    public string Option(AdviceOption option, Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(rubric);
        var item = rubric.Items.FirstOrDefault(i => i.Id == option.ItemId);
        var name = item?.Name.For(Culture) ?? option.ItemId;
        var from = MetricValue(option.Metric, option.CurrentValue);
        var to = MetricValue(option.Metric, option.TargetValue);
        var gain = option.PointsGain.ToString("0.0", Culture);
        if (option.ReachesTarget)
        {
            return Format("AdviceFormat", name, from, to, gain, option.ResultingStars);
        }

        var blockers = string.Join(", ", option.BlockedBy.Select(id =>
            rubric.Caps.FirstOrDefault(c => c.Id == id)?.Reason.For(Culture)
            ?? (id.StartsWith("profileGate", StringComparison.Ordinal) ? Format("ProfileGateBlocker", id["profileGate".Length..]) : id)));
        return Format("AdviceBlockedFormat", name, from, to, gain, blockers);
    }
}
