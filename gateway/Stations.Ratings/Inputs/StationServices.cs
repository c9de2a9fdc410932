using System.Globalization;
using Stations.Ratings.Rubrics;

namespace Stations.Ratings.Inputs;

/// <summary>The services a station profile may list: basic facilities (七个一) and special services (the 5-star gate counts these).</summary>
public static class StationServices
{
    /// <summary>Every known service code with its name and whether it is a special service, in display order.</summary>
    public static IReadOnlyList<StationService> All { get; } =
    [
        new("microwave", new LocalizedText("微波炉", "Microwave"), false),
        new("firstAidKit", new LocalizedText("急救药箱", "First-aid kit"), false),
        new("toilet", new LocalizedText("卫生间", "Toilet"), false),
        new("fridge", new LocalizedText("冰箱", "Fridge"), false),
        new("airConditioner", new LocalizedText("空调", "Air conditioner"), false),
        new("phoneCharging", new LocalizedText("手机充电", "Phone charging"), false),
        new("legalAid", new LocalizedText("维权接待", "Legal-rights help"), true),
        new("nursingRoom", new LocalizedText("母婴室", "Nursing room"), true),
        new("readingCorner", new LocalizedText("职工书屋", "Reading corner"), true),
        new("healthCheck", new LocalizedText("健康检测（血压等）", "Health check (blood pressure)"), true),
        new("bikeRepair", new LocalizedText("电动车维修工具", "E-bike repair tools"), true),
    ];

    private static readonly Dictionary<string, StationService> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    /// <summary>The service with <paramref name="code"/>, or null when the code is unknown.</summary>
    public static StationService? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The codes of <paramref name="codes"/> that are special services, in catalogue order.</summary>
    public static IReadOnlyList<string> Special(IEnumerable<string> codes) => Pick(codes, special: true);

    /// <summary>The codes of <paramref name="codes"/> that are basic facilities, in catalogue order.</summary>
    public static IReadOnlyList<string> Basic(IEnumerable<string> codes) => Pick(codes, special: false);

    /// <summary>The service's name in <paramref name="culture"/>, or the code itself when unknown.</summary>
    public static string NameOf(string code, CultureInfo culture) => Find(code)?.Name.For(culture) ?? code;

    private static List<string> Pick(IEnumerable<string> codes, bool special)
    {
        var set = new HashSet<string>(codes, StringComparer.Ordinal);
        return All.Where(s => s.Special == special && set.Contains(s.Code)).Select(s => s.Code).ToList();
    }
}
