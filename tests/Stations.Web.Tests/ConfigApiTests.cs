using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stations.Core.Protocol;
using Stations.Core.Station;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// /api/v1/stations/{id}/config: configs are checked by the station's own validator (its message verbatim), saved with
/// the hash the station will report, pushed byte for byte with `config.set`, and only technicians/admins may change them.
/// </summary>
[TestClass]
public sealed class ConfigApiTests
{
    // A Chinese name: config.set escapes it, and the hash must be of the bytes as sent.
    const string ValidConfig = """
        {
          "stationId": "STATION",
          "name": "南明区花果园工会驿站",
          "telemetrySeconds": 60,
          "doors": [ { "id": "door1", "pin": 14 } ],
          "outlets": [ { "id": "ebike1", "kind": "ebike", "relayPin": 33, "meterAddress": 2, "maxSessionMinutes": 180 } ]
        }
        """;

    static WebHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => host = await WebHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    static HttpClient Client(string user)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens[user]);
        return client;
    }

    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    static string ConfigFor(string stationId) => ValidConfig.Replace("STATION", stationId, StringComparison.Ordinal);

    /// <summary>The bytes config.set carries and the station hashes: the compact System.Text.Json form.</summary>
    static string Compact(string text) => JsonNode.Parse(text)!.ToJsonString();

    [TestMethod]
    public async Task An_invalid_config_is_refused_with_the_validators_exact_message_and_nothing_is_saved()
    {
        using var tech = Client("tech");
        var json = """{"stationId":"st-nm-02","outlets":[{"id":"a1","relayPin":21,"meterAddress":1},{"id":"a2","relayPin":22,"meterAddress":2},{"id":"a3","relayPin":23,"meterAddress":3,"maxSessionMinutes":600}]}""";
        var response = await tech.PutAsync("/api/v1/stations/st-nm-02/config", Json(json));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.AreEqual("outlets[2].maxSessionMinutes: 600 is above the hard cap 480; use 1..480", error);

        var foreign = await tech.PutAsync("/api/v1/stations/st-nm-02/config", Json(ConfigFor("st-yy-01")));
        Assert.AreEqual(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.AreEqual("stationId: 'st-yy-01' is not this station ('st-nm-02'); send this station's own config", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var current = await tech.GetFromJsonAsync<JsonElement>("/api/v1/stations/st-nm-02/config");
        Assert.AreEqual(JsonValueKind.Null, current.GetProperty("config").ValueKind);
        Assert.AreEqual(0, current.GetProperty("versions").GetArrayLength());
    }

    [TestMethod]
    public async Task A_valid_config_is_saved_with_the_hash_the_station_will_report_and_versions_are_kept()
    {
        using var admin = Client("admin");
        var text = ConfigFor("st-nm-01");
        var compact = Encoding.UTF8.GetBytes(Compact(text));
        Assert.IsTrue(StationConfig.TryParse(compact, 0, compact.Length, out var parsed, out var error), error);
        var expected = Crc32.ToHex(Crc32.Compute(compact));
        Assert.AreEqual(expected, parsed.Hash);

        var response = await admin.PutAsync("/api/v1/stations/st-nm-01/config", Json(text));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(expected, saved.GetProperty("hash").GetString());
        Assert.AreEqual("南明区花果园工会驿站", saved.GetProperty("config").GetProperty("name").GetString());
        Assert.IsFalse(saved.GetProperty("inSync").GetBoolean());

        var second = await admin.PutAsync("/api/v1/stations/st-nm-01/config", Json(text.Replace("\"telemetrySeconds\": 60", "\"telemetrySeconds\": 120", StringComparison.Ordinal)));
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        var versions = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions");
        Assert.AreEqual(2, versions.GetArrayLength());
        Assert.AreEqual(expected, versions[1].GetProperty("hash").GetString());
        Assert.AreEqual("admin", versions[1].GetProperty("savedBy").GetString());
        Assert.AreNotEqual(expected, versions[0].GetProperty("hash").GetString());
    }

    [TestMethod]
    public async Task Managers_read_but_cannot_change_and_union_offices_have_no_access()
    {
        using var manager = Client("manager");
        Assert.AreEqual(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/stations/st-nm-01/config")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.PutAsync("/api/v1/stations/st-nm-01/config", Json(ConfigFor("st-nm-01")))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/v1/stations/st-nm-01/config/push", null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/stations/st-yy-01/config")).StatusCode);
        using var union = Client("union-nm");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await union.GetAsync("/api/v1/stations/st-nm-01/config")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await union.PutAsync("/api/v1/stations/st-nm-01/config", Json(ConfigFor("st-nm-01")))).StatusCode);
    }

    [TestMethod]
    public async Task Push_sends_config_set_with_the_saved_bytes_and_the_reported_cfg_shows_in_sync()
    {
        await using var station = await ConfigTestStation.StartAsync("st-yy-01", WebHost.StationPassword, host.MqttPort, "5d41402a");
        using var tech = Client("tech");
        var text = ConfigFor("st-yy-01");
        var put = await tech.PutAsync("/api/v1/stations/st-yy-01/config", Json(text));
        Assert.AreEqual(HttpStatusCode.OK, put.StatusCode, await put.Content.ReadAsStringAsync());
        var hash = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hash").GetString()!;

        var push = await tech.PostAsync("/api/v1/stations/st-yy-01/config/push", null);
        Assert.AreEqual(HttpStatusCode.Accepted, push.StatusCode, await push.Content.ReadAsStringAsync());
        Assert.AreEqual(hash, (await push.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hash").GetString());

        var payload = Encoding.UTF8.GetString(await station.FirstCommand.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.AreEqual("config.set", JsonNode.Parse(payload)!["name"]!.GetValue<string>());
        var marker = "\"args\":{\"config\":";
        var start = payload.IndexOf(marker, StringComparison.Ordinal);
        Assert.IsTrue(start > 0, payload);
        var sent = payload[(start + marker.Length)..payload.LastIndexOf("}}", StringComparison.Ordinal)];
        Assert.AreEqual(Compact(text), sent);
        var bytes = Encoding.UTF8.GetBytes(sent);
        Assert.IsTrue(StationConfig.TryParse(bytes, 0, bytes.Length, out var applied, out var error), error);
        Assert.AreEqual(hash, applied.Hash);

        // The station applies it and reports the new cfg: the gateway shows "in sync".
        await station.PublishStatusAsync(applied.Hash);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await tech.GetFromJsonAsync<JsonElement>("/api/v1/stations/st-yy-01/config", cts.Token)).GetProperty("inSync").GetBoolean())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [TestMethod]
    public async Task The_config_page_renders_for_technicians_read_only_for_managers_and_not_for_union_offices()
    {
        using var tech = Client("tech");
        var page = await tech.GetAsync("/stations/st-nm-02/config");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        StringAssert.Contains(html, "id=\"config-text\"");
        StringAssert.Contains(html, "id=\"config-push\"");
        StringAssert.Contains(html, "未同步");
        using var manager = Client("manager");
        var managerHtml = await manager.GetStringAsync("/stations/st-nm-01/config");
        Assert.IsFalse(managerHtml.Contains("id=\"config-push\"", StringComparison.Ordinal));
        using var union = Client("union-nm");
        Assert.AreEqual(HttpStatusCode.NotFound, (await union.GetAsync("/stations/st-nm-01/config")).StatusCode);
    }

    [TestMethod]
    public async Task The_config_page_validates_saves_and_pushes_and_says_where_a_missing_config_is_set()
    {
        await host.Get<Stations.Gateway.Stations.StationRegistry>().RegisterAsync("st-cfg-01", WebHost.StationPassword, "配置页测试站");
        using var tech = new WebSession(host.BaseAddress);
        Assert.IsTrue(await tech.SignInAsync("tech"));
        const string page = "/stations/st-cfg-01/config";

        var none = await tech.PostFormAsync(page, "Push", []);
        Assert.AreEqual("该站点还没有保存配置：请在站点页面点“配置”（/stations/st-cfg-01/config）保存配置后再推送。", WebSession.Text(none.Body, "config-error"));

        var invalid = """{"stationId":"st-cfg-01","outlets":[{"id":"a1","relayPin":21,"meterAddress":1,"maxSessionMinutes":600}]}""";
        var refused = await tech.PostFormAsync(page, "Validate", [new("text", invalid)]);
        Assert.AreEqual("outlets[0].maxSessionMinutes: 600 is above the hard cap 480; use 1..480", WebSession.Text(refused.Body, "config-error"));
        var refusedSave = await tech.PostFormAsync(page, "Save", [new("text", invalid)]);
        Assert.AreEqual("outlets[0].maxSessionMinutes: 600 is above the hard cap 480; use 1..480", WebSession.Text(refusedSave.Body, "config-error"));
        StringAssert.Contains(refusedSave.Body, invalid.Replace("\"", "&quot;", StringComparison.Ordinal), "the text typed stays in the editor");
        Assert.AreEqual("—", WebSession.Text(refusedSave.Body, "config-saved-hash"), "nothing is saved");

        var text = ConfigFor("st-cfg-01");
        var compact = Encoding.UTF8.GetBytes(Compact(text));
        var hash = Crc32.ToHex(Crc32.Compute(compact));
        var valid = await tech.PostFormAsync(page, "Validate", [new("text", text)]);
        Assert.AreEqual($"配置有效，站点将上报 cfg {hash}。", WebSession.Text(valid.Body, "config-notice"));
        Assert.AreEqual("—", WebSession.Text(valid.Body, "config-saved-hash"), "validate does not save");

        var saved = await tech.PostFormAsync(page, "Save", [new("text", text)]);
        Assert.AreEqual($"配置已保存，cfg {hash}。", WebSession.Text(saved.Body, "config-notice"));
        Assert.AreEqual(hash, WebSession.Text(saved.Body, "config-saved-hash"));
        Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Count(saved.Body.Split("id=\"config-versions\"")[1], "<tr><td>"));

        await using var station = await ConfigTestStation.StartAsync("st-cfg-01", WebHost.StationPassword, host.MqttPort, "00000000");
        var pushed = await tech.PostFormAsync(page, "Push", []);
        StringAssert.EndsWith(WebSession.Text(pushed.Body, "config-notice"), "done: config applied");
        Assert.AreEqual("config.set", JsonNode.Parse(await station.FirstCommand.WaitAsync(TimeSpan.FromSeconds(30)))!["name"]!.GetValue<string>());

        using var manager = new WebSession(host.BaseAddress);
        Assert.IsTrue(await manager.SignInAsync("manager"));
        var forbidden = await manager.PostFormAsync("/stations/st-nm-01/config", "Save", [new("text", ConfigFor("st-nm-01"))]);
        Assert.AreEqual(HttpStatusCode.Forbidden, forbidden.Status);
    }
}
