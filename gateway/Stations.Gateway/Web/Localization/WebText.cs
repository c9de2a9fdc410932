using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Stations.Gateway.Web.Localization;

/// <summary>
/// A message for code shared by the pages, the API and background jobs: the pages pass their localizer (zh-CN or
/// English text), the API its own (<c>ApiErrors.ApiTextLocalizer</c>: the Api_* texts in the request's language);
/// background jobs pass none and get the English text.
/// </summary>
public static class WebText
{
    /// <summary><paramref name="l"/>[<paramref name="key"/>] when a localizer is given, else <paramref name="english"/> formatted.</summary>
    public static string Or(IStringLocalizer? l, string key, string english, params object[] args) =>
        l != null ? l[key, args] : string.Format(CultureInfo.InvariantCulture, english, args);
}
