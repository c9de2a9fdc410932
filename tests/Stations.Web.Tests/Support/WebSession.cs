using System.Net;
using System.Text.RegularExpressions;

namespace Stations.Web.Tests.Support;

/// <summary>
/// A browser-less session against the web pages: a cookie jar, sign-in through the login form, and form posts that
/// carry the page's antiforgery token (as a browser would). Redirects are not followed, so tests see them.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    readonly HttpClient client;

    /// <summary>Opens a session (signed out) against <paramref name="baseAddress"/>, in <paramref name="culture"/>.</summary>
    public WebSession(Uri baseAddress, string culture = "zh-CN")
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        handler.CookieContainer.Add(baseAddress, new Cookie(".Stations.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
        client = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>GETs a page: status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> GetAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }

    /// <summary>Posts a form as the page at <paramref name="pagePath"/> would (its antiforgery token included).</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostFormAsync(string pagePath, string? handler, IEnumerable<KeyValuePair<string, string>> fields, HttpContent? file = null)
    {
        var (_, page, _) = await GetAsync(pagePath);
        var token = Token().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {pagePath}.");
        }

        var target = new Uri(pagePath + (handler == null ? "" : (pagePath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler), UriKind.Relative);
        var all = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        HttpContent content;
        if (file == null)
        {
            content = new FormUrlEncodedContent(all);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in all)
            {
                multipart.Add(new StringContent(value), name);
            }

            multipart.Add(file, "file", file.Headers.ContentDisposition?.FileName ?? "upload.json");
            content = multipart;
        }

        using (content)
        using (var response = await client.PostAsync(target, content))
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
        }
    }

    /// <summary>Posts a form, then follows the redirect (PRG) and returns the page shown.</summary>
    public async Task<string> PostAndFollowAsync(string pagePath, string? handler, params (string Name, string Value)[] fields)
    {
        var (status, body, location) = await PostFormAsync(pagePath, handler, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return status == HttpStatusCode.Redirect && location != null ? (await GetAsync(location)).Body : body;
    }

    /// <summary>Signs in through the login form; true when the gateway redirected away from it (success).</summary>
    public async Task<bool> SignInAsync(string userName, string password = WebHost.Password)
    {
        var (status, _, _) = await PostFormAsync("/login", null, [new("userName", userName), new("password", password)]);
        return status == HttpStatusCode.Redirect;
    }

    /// <summary>The login page's error after a refused sign-in.</summary>
    public async Task<string> SignInErrorAsync(string userName, string password = WebHost.Password)
    {
        var (_, body, _) = await PostFormAsync("/login", null, [new("userName", userName), new("password", password)]);
        return Text(body, "login-error");
    }

    /// <summary>The text of the element with id <paramref name="id"/> (tags stripped), or "" when absent.</summary>
    public static string Text(string html, string id)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = Regex.Match(html, "id=\"" + Regex.Escape(id) + "\"[^>]*>(.*?)</(p|div|span|td|pre|ul)>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ")).Trim() : "";
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
