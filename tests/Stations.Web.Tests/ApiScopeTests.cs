using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>/api/v1 enforces the same scopes as the pages: managers their stations, union offices their region subtree read-only.</summary>
[TestClass]
public sealed class ApiScopeTests
{
    static WebHost host = null!;
    static FakeStation station = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = await WebHost.StartAsync();
        station = await FakeStation.StartAsync("st-nm-01", WebHost.StationPassword, host.MqttPort);
        await station.RaiseAlarmAsync("door.left-open", "door1");
        await host.WaitForStationAsync("st-nm-01", alarms: 1);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await station.DisposeAsync();
        await host.DisposeAsync();
    }

    HttpClient Client(string? user)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        if (user != null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens[user]);
        }

        return client;
    }

    async Task<string[]> StationIdsAsync(string user)
    {
        using var client = Client(user);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/stations");
        return list.EnumerateArray().Select(s => s.GetProperty("stationId").GetString()!).Order().ToArray();
    }

    [TestMethod]
    public async Task EachRoleSeesItsOwnStations()
    {
        CollectionAssert.AreEqual(new[] { "st-nm-01", "st-nm-02", "st-yy-01" }, await StationIdsAsync("admin"));
        CollectionAssert.AreEqual(new[] { "st-nm-01", "st-nm-02", "st-yy-01" }, await StationIdsAsync("tech"));
        CollectionAssert.AreEqual(new[] { "st-nm-01" }, await StationIdsAsync("manager"));
        CollectionAssert.AreEqual(new[] { "st-nm-01", "st-nm-02" }, await StationIdsAsync("union-nm"));
        CollectionAssert.AreEqual(new[] { "st-nm-01", "st-nm-02", "st-yy-01" }, await StationIdsAsync("union-gy"));
    }

    [TestMethod]
    public async Task AnotherStationIsNotFound()
    {
        using var manager = Client("manager");
        Assert.AreEqual(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/stations/st-yy-01")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/stations/st-nm-02/commands")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync("/api/v1/stations/st-yy-01/commands", new { name = "reboot" })).StatusCode);
        using var union = Client("union-nm");
        Assert.AreEqual(HttpStatusCode.NotFound, (await union.GetAsync("/api/v1/stations/st-yy-01")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/stations/st-nm-01")).StatusCode);
    }

    [TestMethod]
    public async Task UnionOfficesAreReadOnly()
    {
        using var union = Client("union-nm");
        var alarms = await union.GetFromJsonAsync<JsonElement>("/api/v1/alarms");
        var id = alarms.EnumerateArray().First(a => a.GetProperty("stationId").GetString() == "st-nm-01").GetProperty("id").GetInt64();
        Assert.AreEqual(HttpStatusCode.Forbidden, (await union.PostAsJsonAsync($"/api/v1/alarms/{id}/acknowledge", new { note = "x" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await union.PostAsJsonAsync("/api/v1/stations/st-nm-01/commands", new { name = "reboot" })).StatusCode);
    }

    [TestMethod]
    public async Task SignInIsRequired()
    {
        using var anonymous = Client(null);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/stations")).StatusCode);
        using var forged = new HttpClient { BaseAddress = host.BaseAddress };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "st_not-a-token");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/stations")).StatusCode);
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var page = await noRedirect.GetAsync("/stations/st-nm-01");
        Assert.AreEqual(HttpStatusCode.Redirect, page.StatusCode, await page.Content.ReadAsStringAsync());
        StringAssert.StartsWith(page.Headers.Location!.ToString(), host.BaseAddress + "login");
    }

    [TestMethod]
    public async Task ManagerSendsACommandAndTheStationAnswers()
    {
        using var manager = Client("manager");
        var bad = await manager.PostAsJsonAsync("/api/v1/stations/st-nm-01/commands", new { name = "outlet.disable", dev = "nope" });
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode);
        var sent = await manager.PostAsJsonAsync("/api/v1/stations/st-nm-01/commands", new { name = "outlet.disable", dev = "ebike1" });
        Assert.AreEqual(HttpStatusCode.Accepted, sent.StatusCode);
        var location = sent.Headers.Location!.ToString();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string progress;
        do
        {
            await Task.Delay(50, cts.Token);
            progress = (await manager.GetFromJsonAsync<JsonElement>(location, cts.Token)).GetProperty("progress").GetString()!;
        }
        while (progress == "pending");
        Assert.AreEqual("done", progress);
    }

    [TestMethod]
    public async Task OpenApiDescribesTheApi()
    {
        using var admin = Client("admin");
        var doc = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.IsTrue(doc.GetProperty("paths").TryGetProperty("/api/v1/stations/{id}/commands", out _));
    }
}
