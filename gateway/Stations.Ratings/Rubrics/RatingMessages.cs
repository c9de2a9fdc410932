using System.Globalization;
using System.Resources;

namespace Stations.Ratings.Rubrics;

/// <summary>Validation messages (rubric files, station profiles) from Resources/RatingMessages*.resx: Chinese and English.</summary>
public sealed class RatingMessages
{
    private static readonly ResourceManager Resources = new("Stations.Ratings.Resources.RatingMessages", typeof(RatingMessages).Assembly);

    /// <summary>Creates the messages for a culture (any <c>en</c> culture gives English, everything else Chinese).</summary>
    public RatingMessages(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        Culture = culture;
    }

    /// <summary>Chinese (zh-CN).</summary>
    public static RatingMessages Chinese { get; } = new(CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>English, the default for rubric files (engineers edit them next to English docs).</summary>
    public static RatingMessages English { get; } = new(CultureInfo.GetCultureInfo("en"));

    /// <summary>The culture of the messages.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The message <paramref name="key"/> formatted with <paramref name="args"/> (numbers in invariant form, as in the file).</summary>
    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString(key, Culture)
            ?? throw new InvalidOperationException($"Message '{key}' is missing from Resources/RatingMessages.resx; add it to both .resx files."), args);
}
