using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Rubrics;
using Stations.Ratings.Rubrics;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// Administration through the pages: edit a user's role and scope, disable/enable (sessions and API tokens stop at
/// once), password reset by an admin and change by the user, region rename/removal (refused while in use), rubric
/// upload checked by the ratings validator and each region's rubric. Each test makes its own users and regions.
/// </summary>
[TestClass]
public sealed class AdminTests
{
    static WebHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => host = await WebHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    static async Task<WebSession> AdminAsync()
    {
        var admin = new WebSession(host.BaseAddress);
        Assert.IsTrue(await admin.SignInAsync("admin"));
        return admin;
    }

    static async Task<long> NewUserAsync(string name, string role = WebRoles.Technician, long? region = null) =>
        await host.Get<UserStore>().CreateAsync(name, name, role, region, WebHost.Password);

    static async Task<HttpStatusCode> ApiStatusAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri("/api/v1/stations", UriKind.Relative));
        return response.StatusCode;
    }

    [TestMethod]
    public async Task Disabling_a_user_ends_their_session_and_token_and_refuses_sign_in_until_enabled()
    {
        var id = await NewUserAsync("tech-disable");
        var token = await host.Get<UserStore>().CreateApiTokenAsync(id, "t");
        using var tech = new WebSession(host.BaseAddress);
        Assert.IsTrue(await tech.SignInAsync("tech-disable"));
        Assert.AreEqual(HttpStatusCode.OK, (await tech.GetAsync("/")).Status);
        Assert.AreEqual(HttpStatusCode.OK, await ApiStatusAsync(token));

        using var admin = await AdminAsync();
        var page = await admin.PostAndFollowAsync($"/admin/users/{id}", "Enabled", ("enabled", "false"));
        Assert.AreEqual("已停用用户 tech-disable。", WebSession.Text(page, "notice"));
        Assert.AreEqual("已停用", WebSession.Text(page, "user-state"));

        var after = await tech.GetAsync("/");
        Assert.AreEqual(HttpStatusCode.Redirect, after.Status);
        StringAssert.Contains(after.Location, "/login");
        Assert.AreEqual(HttpStatusCode.Unauthorized, await ApiStatusAsync(token));
        using var again = new WebSession(host.BaseAddress);
        Assert.AreEqual("该账号已停用，请联系管理员。", await again.SignInErrorAsync("tech-disable"));

        await admin.PostAndFollowAsync($"/admin/users/{id}", "Enabled", ("enabled", "true"));
        Assert.IsTrue(await again.SignInAsync("tech-disable"));
        Assert.AreEqual(HttpStatusCode.OK, await ApiStatusAsync(token));

        // An administrator cannot lock themselves out.
        var adminId = (await host.Get<UserStore>().FindByNameAsync("admin"))!.UserId;
        var self = await admin.PostAndFollowAsync($"/admin/users/{adminId}", "Enabled", ("enabled", "false"));
        Assert.AreEqual("不能停用自己的账号，请让另一位管理员操作。", WebSession.Text(self, "failure"));
    }

    [TestMethod]
    public async Task Editing_role_and_scope_applies_at_once_and_bad_input_names_the_fix()
    {
        var regions = (await host.Get<RegionStore>().ListAsync()).ToDictionary(r => r.Name, r => r.RegionId);
        var id = await NewUserAsync("mgr-edit", WebRoles.StationManager);
        await host.Get<UserStore>().AssignStationsAsync(id, ["st-nm-01"]);
        using var user = new WebSession(host.BaseAddress);
        Assert.IsTrue(await user.SignInAsync("mgr-edit"));
        Assert.AreEqual(HttpStatusCode.OK, (await user.GetAsync("/stations/st-nm-01")).Status);

        using var admin = await AdminAsync();
        var missing = await admin.PostAndFollowAsync($"/admin/users/{id}", "Save", ("displayName", "云岩"), ("role", WebRoles.UnionOffice), ("regionId", ""), ("stations", ""));
        Assert.AreEqual("工会用户需要所属区域，请选择一个区域。", WebSession.Text(missing, "failure"));
        var badStation = await admin.PostAndFollowAsync($"/admin/users/{id}", "Save", ("displayName", "站长"), ("role", WebRoles.StationManager), ("regionId", ""), ("stations", "st-nm-01, nope-01"));
        StringAssert.Contains(WebSession.Text(badStation, "failure"), "nope-01");

        var saved = await admin.PostAndFollowAsync($"/admin/users/{id}", "Save", ("displayName", "云岩区工会 王"), ("role", WebRoles.UnionOffice), ("regionId", regions["云岩区"].ToString(System.Globalization.CultureInfo.InvariantCulture)), ("stations", ""));
        Assert.AreEqual("已保存。", WebSession.Text(saved, "notice"));
        var stored = (await host.Get<UserStore>().FindByIdAsync(id))!;
        Assert.AreEqual((WebRoles.UnionOffice, regions["云岩区"], "云岩区工会 王"), (stored.Role, stored.RegionId!.Value, stored.DisplayName));
        Assert.AreEqual(0, (await host.Get<UserStore>().StationsOfAsync(id)).Count);

        // The old cookie carried the manager role: it ends; signing in again gives the union office's scope.
        Assert.AreEqual(HttpStatusCode.Redirect, (await user.GetAsync("/")).Status);
        Assert.IsTrue(await user.SignInAsync("mgr-edit"));
        Assert.AreEqual(HttpStatusCode.NotFound, (await user.GetAsync("/stations/st-nm-01")).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await user.GetAsync("/stations/st-yy-01")).Status);
    }

    [TestMethod]
    public async Task Password_reset_by_an_admin_and_change_by_the_user()
    {
        var id = await NewUserAsync("tech-password");
        using var user = new WebSession(host.BaseAddress);
        Assert.IsTrue(await user.SignInAsync("tech-password"));
        using var admin = await AdminAsync();
        var shortOne = await admin.PostAndFollowAsync($"/admin/users/{id}", "Password", ("password", "short"));
        Assert.AreEqual("密码至少需要 10 个字符。", WebSession.Text(shortOne, "failure"));
        var reset = await admin.PostAndFollowAsync($"/admin/users/{id}", "Password", ("password", "Reset-by-admin-1"));
        Assert.AreEqual("已为 tech-password 设置新密码。", WebSession.Text(reset, "notice"));
        Assert.AreEqual(HttpStatusCode.Redirect, (await user.GetAsync("/")).Status, "the reset ends the user's sessions");
        Assert.AreEqual("用户名或密码不正确。", await user.SignInErrorAsync("tech-password"));
        Assert.IsTrue(await user.SignInAsync("tech-password", "Reset-by-admin-1"));

        var wrong = await user.PostFormAsync("/account", null, [new("currentPassword", "nope"), new("newPassword", "Mine-and-only-1"), new("confirmPassword", "Mine-and-only-1")]);
        Assert.AreEqual("当前密码不正确。", WebSession.Text(wrong.Body, "failure"));
        var differ = await user.PostFormAsync("/account", null, [new("currentPassword", "Reset-by-admin-1"), new("newPassword", "Mine-and-only-1"), new("confirmPassword", "Mine-and-only-2")]);
        Assert.AreEqual("两次输入的新密码不一致，请重新输入。", WebSession.Text(differ.Body, "failure"));
        var changed = await user.PostAndFollowAsync("/account", null, ("currentPassword", "Reset-by-admin-1"), ("newPassword", "Mine-and-only-1"), ("confirmPassword", "Mine-and-only-1"));
        Assert.AreEqual("密码已修改。", WebSession.Text(changed, "notice"));
        Assert.AreEqual(HttpStatusCode.OK, (await user.GetAsync("/")).Status, "this browser stays signed in");
        using var fresh = new WebSession(host.BaseAddress, "en");
        Assert.AreEqual("The user name or password is wrong.", await fresh.SignInErrorAsync("tech-password", "Reset-by-admin-1"));
        Assert.IsTrue(await fresh.SignInAsync("tech-password", "Mine-and-only-1"));
    }

    [TestMethod]
    public async Task Region_rename_and_removal_refused_while_in_use()
    {
        var store = host.Get<RegionStore>();
        var nanming = (await store.ListAsync()).Single(r => r.Name == "南明区").RegionId;
        using var admin = await AdminAsync();
        var refused = await admin.PostAndFollowAsync("/admin", "RemoveRegion", ("regionId", nanming.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        StringAssert.StartsWith(WebSession.Text(refused, "failure"), "不能删除“南明区”：仍有 2 个站点、1 个用户、0 个下级区域");
        Assert.IsTrue((await store.ListAsync()).Any(r => r.RegionId == nanming));

        var spare = await store.CreateAsync("临时区", "", nanming);
        var renamed = await admin.PostAndFollowAsync("/admin", "RenameRegion", ("regionId", spare.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "观山湖区"), ("unionOffice", "观山湖区总工会"));
        Assert.AreEqual("已保存。", WebSession.Text(renamed, "notice"));
        var region = (await store.ListAsync()).Single(r => r.RegionId == spare);
        Assert.AreEqual(("观山湖区", "观山湖区总工会"), (region.Name, region.UnionOffice));
        var empty = await admin.PostAndFollowAsync("/admin", "RenameRegion", ("regionId", spare.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", " "), ("unionOffice", ""));
        Assert.AreEqual("请填写区域名称。", WebSession.Text(empty, "failure"));

        await admin.PostAndFollowAsync("/admin", "RemoveRegion", ("regionId", spare.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.IsFalse((await store.ListAsync()).Any(r => r.RegionId == spare));
    }

    [TestMethod]
    public async Task Rubric_upload_is_checked_by_the_ratings_validator_and_a_region_chooses_its_rubric()
    {
        var regions = (await host.Get<RegionStore>().ListAsync()).ToDictionary(r => r.Name, r => r.RegionId);
        using var admin = await AdminAsync();

        var bad = JsonNode.Parse(RubricStore.BuiltIn.Content)!;
        bad["id"] = "guizhou";
        bad["stars"]![0]!["stars"] = 9;
        var badBytes = Encoding.UTF8.GetBytes(bad.ToJsonString());
        var expected = Assert.ThrowsExactly<RubricValidationException>(() => RubricLoader.Parse(badBytes, "guizhou-v1.json", RatingMessages.Chinese)).Errors;
        var refused = await admin.PostFormAsync("/admin/rubrics", "Upload", [], File(badBytes, "guizhou-v1.json"));
        var shown = WebSession.Text(refused.Body, "failure");
        StringAssert.StartsWith(shown, $"规则文件 guizhou-v1.json 无效（{expected.Count} 处问题");
        foreach (var problem in expected)
        {
            StringAssert.Contains(shown, problem);
        }

        var good = JsonNode.Parse(RubricStore.BuiltIn.Content)!;
        good["id"] = "guizhou";
        good["version"] = "2026.1";
        var goodBytes = Encoding.UTF8.GetBytes(good.ToJsonString());
        var stored = await admin.PostFormAsync("/admin/rubrics", "Upload", [], File(goodBytes, "guizhou-v1.json"));
        Assert.AreEqual(HttpStatusCode.Redirect, stored.Status);
        var list = (await admin.GetAsync("/admin/rubrics")).Body;
        Assert.AreEqual("已保存规则 guizhou 版本 2026.1。", WebSession.Text(list, "notice"));
        StringAssert.Contains(list, "data-rubric=\"guizhou@2026.1\"");

        good["description"] = "changed without a new version";
        var clash = await admin.PostFormAsync("/admin/rubrics", "Upload", [], File(Encoding.UTF8.GetBytes(good.ToJsonString()), "guizhou-v1b.json"));
        Assert.AreEqual("规则 guizhou 的版本 2026.1 已存在且内容不同：请在文件中提高 version 后再上传。", WebSession.Text(clash.Body, "failure"));

        var city = regions["贵阳市"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        await admin.PostAndFollowAsync("/admin/rubrics", "Choose", ("regionId", city), ("rubric", "guizhou@2026.1"));
        var rubrics = host.Get<RubricStore>();
        Assert.AreEqual(("guizhou", "2026.1"), ((await rubrics.ForRegionAsync(regions["南明区"])).Id, (await rubrics.ForRegionAsync(regions["南明区"])).Version), "a lower region inherits");
        Assert.AreEqual("default", (await rubrics.ForRegionAsync(regions["贵州省"])).Id);
        await admin.PostAndFollowAsync("/admin/rubrics", "Choose", ("regionId", city), ("rubric", ""));
        Assert.AreEqual("default", (await rubrics.ForRegionAsync(regions["南明区"])).Id);
    }

    static ByteArrayContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "file", FileName = name };
        return content;
    }
}
