using System.Net;
using Spectre.Console;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stations.Cli.Gateway;

/// <summary>
/// The gateway's /api/v1 for one CLI run: signed in with an API token (Bearer) or with name and password (a cookie
/// session from POST /api/v1/session). Every failure becomes a <see cref="CommandFailedException"/> with a message that says what to do.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    /// <summary>JSON as the gateway writes it (camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly CliContext _context;

    private GatewayClient(HttpClient http, CliContext context)
    {
        _http = http;
        _context = context;
    }

    /// <summary>The gateway's base address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Checks the URL and the sign-in details, signs in, and returns a client; throws <see cref="CommandFailedException"/>.</summary>
    public static async Task<GatewayClient> ConnectAsync(CliContext context, GatewaySignIn signIn, CancellationToken cancel)
    {
        var text = context.Text;
        // A base address without a trailing slash would drop its last path segment when joined with "api/v1/…".
        string url = signIn.GatewayUrl.EndsWith('/') ? signIn.GatewayUrl : signIn.GatewayUrl + "/";
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? gateway) || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
            throw new CommandFailedException(ExitCodes.Usage, text.Format("StatusBadGateway", signIn.GatewayUrl));

        string? password = signIn.Password;
        bool byPassword = string.IsNullOrWhiteSpace(signIn.Token) && !string.IsNullOrWhiteSpace(signIn.User);
        if (byPassword && string.IsNullOrEmpty(password) && context.Prompts != null)
            password = context.Prompts.Prompt(new TextPrompt<string>(text.Format("PasswordPrompt", signIn.User)).Secret());
        if (string.IsNullOrWhiteSpace(signIn.Token) && (!byPassword || string.IsNullOrEmpty(password)))
            throw new CommandFailedException(ExitCodes.Usage, text["NoSignIn"]);

        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(6) };
        // The gateway answers its errors in the CLI's language (zh-CN by default, en with --lang en or LANG=en…).
        http.DefaultRequestHeaders.AcceptLanguage.Add(AcceptLanguage(text));
        var client = new GatewayClient(http, context);
        try
        {
            if (!byPassword)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signIn.Token!.Trim());
            }
            else
            {
                using var response = await client.SendAsync(HttpMethod.Post, "api/v1/session", new { userName = signIn.User!.Trim(), password }, cancel).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                    throw new CommandFailedException(ExitCodes.GatewayError, text.Format("SignInRefused", await ErrorOf(response, cancel).ConfigureAwait(false)));
                await client.EnsureAsync(response, null, cancel).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The Accept-Language value for the CLI's chosen language: zh-CN or en.</summary>
    public static StringWithQualityHeaderValue AcceptLanguage(Localization.CliText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StringWithQualityHeaderValue(text.Culture.Name);
    }

    /// <summary>Sends a request (JSON body when <paramref name="body"/> is given); network failures become <see cref="CommandFailedException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancel, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Content = content ?? (body == null ? null : JsonContent.Create(body, options: Json));
        try
        {
            return await _http.SendAsync(request, cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CommandFailedException(ExitCodes.GatewayError, _context.Text.Format("StatusUnreachable", _http.BaseAddress, ex.Message));
        }
        catch (TaskCanceledException ex) when (!cancel.IsCancellationRequested)
        {
            throw new CommandFailedException(ExitCodes.GatewayError, _context.Text.Format("StatusUnreachable", _http.BaseAddress, ex.Message));
        }
    }

    /// <summary>GETs JSON; 404 becomes "station not found" (exit 1) when <paramref name="stationId"/> is given.</summary>
    public async Task<T> GetAsync<T>(string path, string? stationId, CancellationToken cancel)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancel).ConfigureAwait(false);
        await EnsureAsync(response, stationId, cancel).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancel).ConfigureAwait(false))!;
    }

    /// <summary>Throws the right <see cref="CommandFailedException"/> for a response that is not a success.</summary>
    public async Task EnsureAsync(HttpResponseMessage response, string? stationId, CancellationToken cancel)
    {
        var text = _context.Text;
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.NotFound && stationId != null)
            throw new CommandFailedException(ExitCodes.Failed, text.Format("StatusNotFound", stationId));
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new CommandFailedException(ExitCodes.GatewayError, text.Format("StatusUnauthorized", (int)response.StatusCode));
        if (response.StatusCode == HttpStatusCode.Forbidden)
            throw new CommandFailedException(ExitCodes.GatewayError, text.Format("GatewayForbidden", await ErrorOf(response, cancel).ConfigureAwait(false)));
        if (response.StatusCode == HttpStatusCode.BadRequest)
            throw new CommandFailedException(ExitCodes.Failed, text.Format("GatewayRefused", await ErrorOf(response, cancel).ConfigureAwait(false)));
        throw new CommandFailedException(ExitCodes.GatewayError, text.Format("StatusGatewayFailed", (int)response.StatusCode));
    }

    /// <summary>The gateway's {"error": …} text, or the status code when there is none.</summary>
    public static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ApiErrorBody>(Json, cancel).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(body?.Error)) return body.Error;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not the gateway's JSON error shape: fall back to the status code.
        }

        return "HTTP " + (int)response.StatusCode;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record ApiErrorBody(string? Error);
}
