using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Stations.Gateway.Web.Localization;

/// <summary>
/// A message for code shared by the pages and the API: the pages pass their localizer (zh-CN or English text); the
/// API and background jobs pass none and get the English text, which the API documents.
/// </summary>
public static class WebText
{
    /// <summary><paramref name="l"/>[<paramref name="key"/>] when a localizer is given, else <paramref name="english"/> formatted.</summary>
    public static string Or(IStringLocalizer? l, string key, string english, params object[] args) =>
        l != null ? l[key, args] : string.Format(CultureInfo.InvariantCulture, english, args);
}
