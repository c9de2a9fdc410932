using System.Globalization;

namespace Stations.Ratings.Rubrics;

/// <summary>A name in Chinese (default) and English.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The English text for English cultures, otherwise Chinese.</summary>
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && En.Length > 0 ? En : Zh;
}
