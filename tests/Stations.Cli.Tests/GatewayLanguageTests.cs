using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Stations.Gateway.Web.Auth;

namespace Stations.Cli.Tests;

/// <summary>Every request to the gateway carries Accept-Language from the CLI's language, so the gateway's reasons come in it.</summary>
[TestClass]
public sealed class GatewayLanguageTests
{
    private static GatewayHost gateway = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        gateway = await GatewayHost.StartAsync();
        await gateway.AddUserAsync("manager2", WebRoles.StationManager);
    }

    [ClassCleanup]
    public static async Task Stop() => await gateway.DisposeAsync();

    [TestMethod]
    [DataRow(null, null, "zh-CN")]
    [DataRow("zh", null, "zh-CN")]
    [DataRow("zh-CN", null, "zh-CN")]
    [DataRow("en", null, "en")]
    [DataRow(null, "en_US.UTF-8", "en")]
    public async Task Every_request_carries_the_chosen_language(string? lang, string? langVariable, string expected)
    {
        // A stand-in gateway that records the header of every request and answers 404 (unknown station).
        var seen = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var stub = builder.Build();
        stub.Run(context =>
        {
            seen.Enqueue(context.Request.Headers.AcceptLanguage.ToString());
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/api/v1/session") ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await stub.StartAsync();
        string address = stub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var env = langVariable == null ? null : new Dictionary<string, string> { ["LANG"] = langVariable };
        string[] language = lang == null ? [] : ["--lang", lang];
        var byToken = await CliRun.Of(env, [.. language, "status", "zz-none-0001", "--gateway", address, "--token", "st_test"]);
        Assert.AreEqual(1, byToken.ExitCode, byToken.ToString());
        var byPassword = await CliRun.Of(env, [.. language, "status", "zz-none-0001", "--gateway", address, "--user", "tech1", "--password", "Password-123"]);
        Assert.AreEqual(1, byPassword.ExitCode, byPassword.ToString());

        Assert.IsGreaterThanOrEqualTo(3, seen.Count, "status by token, then sign-in and status by password");
        CollectionAssert.AreEqual(Enumerable.Repeat(expected, seen.Count).ToArray(), seen.ToArray());
    }

    [TestMethod]
    public async Task The_gateway_refusal_is_in_Chinese_by_default_and_in_English_with_lang_en()
    {
        using var dir = new TempDir();
        string[] provision = ["provision", "gz-gy-0120", "--user", "manager2", "--password", "Password-123", "--devices", "door1", "--out", dir.Path, "--gateway", gateway.BaseAddress.ToString(), "--no-input"];

        var chinese = await CliRun.Of(provision);
        Assert.AreEqual(4, chinese.ExitCode, chinese.ToString());
        StringAssert.Contains(chinese.Error, "只有技术员和管理员可以登记站点。");

        var zh = await CliRun.Of(["--lang", "zh-CN", .. provision]);
        StringAssert.Contains(zh.Error, "只有技术员和管理员可以登记站点。");

        var english = await CliRun.Of(["--lang", "en", .. provision]);
        Assert.AreEqual(4, english.ExitCode, english.ToString());
        StringAssert.Contains(english.Error, "Only technicians and administrators may provision stations.");
    }

    [TestMethod]
    public async Task A_refused_sign_in_gives_the_gateway_reason_in_the_chosen_language()
    {
        string[] status = ["status", GatewayHost.StationId, "--gateway", gateway.BaseAddress.ToString(), "--user", "nobody", "--password", "wrong-password"];
        var zh = await CliRun.Of(status);
        Assert.AreEqual(4, zh.ExitCode, zh.ToString());
        StringAssert.Contains(zh.Error, "用户名或密码不正确。");
        var en = await CliRun.Of(["--lang", "en", .. status]);
        StringAssert.Contains(en.Error, "Unknown user name or wrong password.");
    }
}
