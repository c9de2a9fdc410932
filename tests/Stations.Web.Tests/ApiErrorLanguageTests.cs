using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Web.Api;
using Stations.Gateway.Web.Commands;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Reports;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// /api/v1 errors in the request's language: every message in both resource files with the same placeholders, and the
/// real gateway answering the same bad request in zh-CN (Accept-Language: zh…, the culture cookie or ?culture=zh-CN)
/// and in English (Accept-Language: en…, the cookie, ?culture=en, or no language named), always with the same code.
/// </summary>
[TestClass]
public sealed partial class ApiErrorLanguageTests
{
    static WebHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => host = await WebHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    static readonly ResourceManager Resources = new("Stations.Gateway.Web.Localization.SharedResource", typeof(SharedResource).Assembly);

    static Dictionary<string, string> Strings(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    static readonly Dictionary<string, string> Chinese = Strings(CultureInfo.InvariantCulture);
    static readonly Dictionary<string, string> English = Strings(CultureInfo.GetCultureInfo("en"));

    [TestMethod]
    public void Every_api_message_is_in_both_languages_with_the_same_placeholders()
    {
        Assert.IsGreaterThanOrEqualTo(30, ApiErrors.All.Count);
        var apiKeys = Chinese.Keys.Concat(English.Keys).Where(k => k.StartsWith("Api_", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var message in ApiErrors.All)
        {
            Assert.IsTrue(apiKeys.Contains(message.Key), message.Key + " is not in the resources");
            Assert.MatchesRegex("^[a-z]+(_[a-z]+)*$", message.Code, message.Key);
        }

        Assert.HasCount(ApiErrors.All.Count, ApiErrors.All.Select(m => m.Key).Distinct(), "one message per key");
        foreach (var key in apiKeys)
        {
            Assert.IsTrue(Chinese.TryGetValue(key, out var zh), key + " has no zh-CN text");
            Assert.IsTrue(English.TryGetValue(key, out var en), key + " has no English text");
            CollectionAssert.AreEqual(Placeholders(en), Placeholders(zh), key + ": placeholders differ");
            Assert.IsTrue(Han().IsMatch(zh), key + ": the zh-CN text is not Chinese: " + zh);
            Assert.IsFalse(Han().IsMatch(en), key + ": the English text has Chinese in it: " + en);
            Assert.AreNotEqual(zh, en, key);
            // Both format with their placeholders filled (so a literal brace is written {{ }} in both).
            var args = Enumerable.Range(0, Placeholders(en).DefaultIfEmpty(-1).Max() + 1).Select(i => (object)("arg" + i)).ToArray();
            Assert.IsFalse(string.Format(CultureInfo.InvariantCulture, zh, args).Contains("{0", StringComparison.Ordinal), key);
            _ = string.Format(CultureInfo.InvariantCulture, en, args);
        }
    }

    [TestMethod]
    public void Report_parameter_checks_use_the_api_messages()
    {
        var text = new ApiErrors.ApiTextLocalizer(new KeyLocalizer());
        foreach (var (month, from, to, format, lang, code) in new (string?, string?, string?, string?, string?, string)[]
        {
            ("2026-13", null, null, null, null, "month_invalid"),
            (null, "2026-03-10", "2026-03-01", null, null, "period_invalid"),
            (null, null, null, null, null, "period_missing"),
            ("2026-03", null, null, "docx", null, "format_unknown"),
            ("2026-03", null, null, "pdf", "fr", "lang_unknown"),
        })
        {
            var (_, _, _, error) = UnionReports.Parse(month, from, to, format, lang, text);
            Assert.IsNotNull(error);
            Assert.AreEqual(code, text.Last?.Code, error);
            StringAssert.StartsWith(error, "Api_Reports_");
        }
    }

    [TestMethod]
    public async Task Station_not_found_in_either_language()
    {
        const string Path = "/api/v1/stations/st-yy-01";
        var (status, code, zh) = await ErrorAsync("manager", HttpMethod.Get, Path, null, "zh-CN");
        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual("station_not_found", code);
        Assert.AreEqual("站点“st-yy-01”不存在，或不在您的管理范围内。", zh);
        Assert.AreEqual(zh, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "zh-CN,zh;q=0.9,en;q=0.8")).Error);
        Assert.AreEqual(zh, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "zh")).Error);
        Assert.AreEqual(zh, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "fr-FR,zh-TW;q=0.8,en;q=0.5")).Error, "the best supported language by quality");
        var en = await ErrorAsync("manager", HttpMethod.Get, Path, null, "en");
        Assert.AreEqual((HttpStatusCode.NotFound, "station_not_found", "Station 'st-yy-01' does not exist or is outside your stations."), en);
        Assert.AreEqual(en.Error, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "en-US,en;q=0.9,zh-CN;q=0.5")).Error);
        Assert.AreEqual(en.Error, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "zh-CN;q=0.2,en-GB;q=0.7")).Error, "quality, not order, decides");
        // A caller that names no language (scripts, older clients) gets English, as the API always answered.
        Assert.AreEqual(en.Error, (await ErrorAsync("manager", HttpMethod.Get, Path, null, null)).Error);
        Assert.AreEqual(en.Error, (await ErrorAsync("manager", HttpMethod.Get, Path, null, "fr-FR")).Error);
    }

    [TestMethod]
    public async Task Unknown_command_names_the_offered_ones_in_either_language()
    {
        var offered = string.Join(", ", CommandProgress.Offered.Keys);
        var zh = await ErrorAsync("tech", HttpMethod.Post, "/api/v1/stations/st-nm-01/commands", new { name = "warp" }, "zh-CN");
        Assert.AreEqual((HttpStatusCode.BadRequest, "unknown_command", $"未知命令“warp”：请使用以下命令之一：{offered}。"), zh);
        var en = await ErrorAsync("tech", HttpMethod.Post, "/api/v1/stations/st-nm-01/commands", new { name = "warp" }, "en");
        Assert.AreEqual((HttpStatusCode.BadRequest, "unknown_command", $"Unknown command 'warp': use one of {offered}."), en);
    }

    [TestMethod]
    public async Task Refusals_by_role_in_either_language()
    {
        var zh = await ErrorAsync("union-nm", HttpMethod.Post, "/api/v1/stations/st-nm-01/commands", new { name = "reboot" }, "zh-CN");
        Assert.AreEqual((HttpStatusCode.Forbidden, "role_read_only", "您的角色只能查看：工会不能下发命令。"), zh);
        var en = await ErrorAsync("union-nm", HttpMethod.Post, "/api/v1/stations/st-nm-01/commands", new { name = "reboot" }, "en");
        Assert.AreEqual((HttpStatusCode.Forbidden, "role_read_only", "Your role is read-only: union offices cannot send commands."), en);

        Assert.AreEqual((HttpStatusCode.Forbidden, "config_read_only", "您的角色只能查看站点配置，不能修改：请联系技术员或管理员。"),
            await ErrorAsync("manager", HttpMethod.Post, "/api/v1/stations/st-nm-01/config/push", null, "zh-CN"));
        Assert.AreEqual((HttpStatusCode.Forbidden, "config_read_only", "Your role may read but not change station configuration: ask a technician or an administrator."),
            await ErrorAsync("manager", HttpMethod.Post, "/api/v1/stations/st-nm-01/config/push", null, "en"));

        Assert.AreEqual((HttpStatusCode.Forbidden, "provision_forbidden", "只有技术员和管理员可以登记站点。"),
            await ErrorAsync("manager", HttpMethod.Post, "/api/v1/provisioning/stations", new { stationId = "gz-gy-0500" }, "zh-CN"));
        Assert.AreEqual((HttpStatusCode.Forbidden, "provision_forbidden", "Only technicians and administrators may provision stations."),
            await ErrorAsync("manager", HttpMethod.Post, "/api/v1/provisioning/stations", new { stationId = "gz-gy-0500" }, "en"));
    }

    [TestMethod]
    public async Task Bad_requests_name_the_fix_in_either_language()
    {
        Assert.AreEqual((HttpStatusCode.BadRequest, "station_id_invalid", "stationId：“Bad_ID”无效；站点编号须由 3–32 个小写字母、数字或连字符组成（例如 gz-gy-0001）。"),
            await ErrorAsync("tech", HttpMethod.Post, "/api/v1/provisioning/stations", new { stationId = "Bad_ID" }, "zh-CN"));
        Assert.AreEqual((HttpStatusCode.BadRequest, "station_id_invalid", "stationId: 'Bad_ID' is invalid; use 3–32 lowercase letters, digits and dashes (e.g. gz-gy-0001)."),
            await ErrorAsync("tech", HttpMethod.Post, "/api/v1/provisioning/stations", new { stationId = "Bad_ID" }, "en"));

        Assert.AreEqual((HttpStatusCode.BadRequest, "month_invalid", "month“2026-13”不是有效的月份：请写成 yyyy-MM，例如 2026-03。"),
            await ErrorAsync("admin", HttpMethod.Get, "/api/v1/reports?regionId=1&month=2026-13", null, "zh-CN"));
        Assert.AreEqual((HttpStatusCode.BadRequest, "month_invalid", "month \"2026-13\" is not a month; use yyyy-MM, e.g. 2026-03."),
            await ErrorAsync("admin", HttpMethod.Get, "/api/v1/reports?regionId=1&month=2026-13", null, "en"));

        Assert.AreEqual((HttpStatusCode.BadRequest, "month_invalid", "month“2026-13”不是有效的月份：请写成 month=yyyy-MM，例如 2026-03。"),
            await ErrorAsync("admin", HttpMethod.Get, "/api/v1/ratings?month=2026-13", null, "zh-CN"));
        Assert.AreEqual((HttpStatusCode.BadRequest, "month_invalid", "month \"2026-13\" is not a month; use month=yyyy-MM, e.g. 2026-03."),
            await ErrorAsync("admin", HttpMethod.Get, "/api/v1/ratings?month=2026-13", null, "en"));

        var future = await ErrorAsync("admin", HttpMethod.Post, "/api/v1/ratings/runs?month=2999-01", null, "zh-CN");
        Assert.AreEqual((HttpStatusCode.BadRequest, "month_not_over"), (future.Status, future.Code));
        Assert.AreEqual("2999-01 尚未结束（结束于 2999-02-01 00:00 +08:00）；只对已结束的月份评星并保存结果。", future.Error);
        Assert.AreEqual("2999-01 is not over yet (it ends 2999-02-01 00:00 +08:00); only finished months are rated and stored.",
            (await ErrorAsync("admin", HttpMethod.Post, "/api/v1/ratings/runs?month=2999-01", null, "en")).Error);

        Assert.AreEqual((HttpStatusCode.BadRequest, "note_too_long", "处理说明超过 500 个字符，请删减。"),
            await ErrorAsync("tech", HttpMethod.Post, "/api/v1/alarms/1/acknowledge", new { note = new string('x', 501) }, "zh-CN", ifFound: true));
        Assert.AreEqual((HttpStatusCode.NotFound, "alarm_not_found", "Alarm 999999 does not exist or is outside your stations."),
            await ErrorAsync("tech", HttpMethod.Post, "/api/v1/alarms/999999/acknowledge", new { note = "x" }, "en"));
    }

    [TestMethod]
    public async Task Sign_in_refusal_in_either_language()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var (language, expected) in new[] { ("zh-CN", "用户名或密码不正确。"), ("en", "Unknown user name or wrong password.") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { userName = "nobody", password = "wrong-password" }) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await client.SendAsync(request);
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.AreEqual(expected, body.GetProperty("error").GetString());
            Assert.AreEqual("sign_in_failed", body.GetProperty("code").GetString());
        }
    }

    [TestMethod]
    public async Task The_culture_cookie_and_query_win_over_Accept_Language_and_pages_ignore_it()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens["manager"]);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stations/st-yy-01"))
        {
            // A page's own fetch carries the language-switch cookie: the answer is in the page's language.
            request.Headers.Add("Cookie", ".Stations.Culture=" + Uri.EscapeDataString("c=en|uic=en"));
            using var response = await client.SendAsync(request);
            Assert.AreEqual("Station 'st-yy-01' does not exist or is outside your stations.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        using (var response = await client.GetAsync("/api/v1/stations/st-yy-01?culture=en"))
        {
            Assert.AreEqual("Station 'st-yy-01' does not exist or is outside your stations.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        // The pages stay zh-CN for an English browser until the language switch is used.
        using var page = new HttpClient { BaseAddress = host.BaseAddress };
        page.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        StringAssert.Contains(await page.GetStringAsync("/login"), "登录工会驿站管理平台");
    }

    /// <summary>The status, code and error text of a request by <paramref name="user"/> with Accept-Language <paramref name="language"/> (none when null).</summary>
    static async Task<(HttpStatusCode Status, string? Code, string? Error)> ErrorAsync(string user, HttpMethod method, string path, object? body, string? language, bool ifFound = false)
    {
        if (ifFound)
        {
            // An alarm to acknowledge: any of the seeded stations' alarms, raised here when there is none yet.
            path = "/api/v1/alarms/" + await AlarmIdAsync() + "/acknowledge";
        }

        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens[user]);
        using var request = new HttpRequestMessage(method, path) { Content = body == null ? null : JsonContent.Create(body) };
        if (language != null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.IsFalse(response.IsSuccessStatusCode, path + ": " + text);
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.GetProperty("code").GetString(), json.RootElement.GetProperty("error").GetString());
    }

    static long? alarmId;

    static async Task<long> AlarmIdAsync()
    {
        if (alarmId is { } known)
        {
            return known;
        }

        await using var station = await FakeStation.StartAsync("st-nm-02", WebHost.StationPassword, host.MqttPort);
        await station.RaiseAlarmAsync("door.left-open", "door1");
        await host.WaitForStationAsync("st-nm-02", alarms: 1);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens["tech"]);
        var alarms = await client.GetFromJsonAsync<JsonElement>("/api/v1/alarms");
        alarmId = alarms.EnumerateArray().First(a => a.GetProperty("stationId").GetString() == "st-nm-02").GetProperty("id").GetInt64();
        return alarmId.Value;
    }

    static int[] Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>Answers every key with itself (the API localizer's lookups are what is checked).</summary>
    sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
