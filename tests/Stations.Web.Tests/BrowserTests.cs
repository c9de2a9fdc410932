using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Stations.Web.Tests.Support;

namespace Stations.Web.Tests;

/// <summary>
/// The screens in a real browser (system Chromium, headless): sign-in, status, acknowledging an alarm, a command a
/// station executes, a manager refused another station's page, the language switch. Screenshots on failure go to the
/// test results folder.
/// </summary>
[TestClass]
public sealed class BrowserTests
{
    static WebHost host = null!;
    static FakeStation station = null!;
    static IPlaywright playwright = null!;
    static IBrowser browser = null!;
    IBrowserContext context = null!;
    IPage page = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        host = await WebHost.StartAsync();
        station = await FakeStation.StartAsync("st-nm-01", WebHost.StationPassword, host.MqttPort);
        await station.RaiseAlarmAsync("door.left-open", "door1");
        await host.WaitForStationAsync("st-nm-01", alarms: 1);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await station.DisposeAsync();
        await host.DisposeAsync();
    }

    [TestInitialize]
    public async Task OpenAsync()
    {
        context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN" });
        context.SetDefaultTimeout(15_000);
        page = await context.NewPageAsync();
    }

    [TestCleanup]
    public async Task CloseAsync()
    {
        if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed)
        {
            var folder = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, TestContext.TestName + ".png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.AddResultFile(file);
        }

        await context.DisposeAsync();
    }

    async Task SignInAsync(string user, string password = WebHost.Password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    [TestMethod]
    public async Task SignInShowsTheStatusOverviewInChinese()
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await SignInAsync("admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("站点状态总览");
        await Assertions.Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-live='st:st-nm-01:online']")).ToHaveTextAsync("在线");
        await Assertions.Expect(page.Locator("[data-live='st:st-yy-01:online']")).ToHaveTextAsync("离线");
        await page.FillAsync("#search", "花果园");
        await page.ClickAsync("#filter");
        await Assertions.Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync("#lang-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Station status overview");
    }

    [TestMethod]
    public async Task WrongPasswordIsRefused()
    {
        await SignInAsync("tech", "not-the-password");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码不正确。");
    }

    [TestMethod]
    public async Task ManagerAcknowledgesAnAlarmAndSendsACommandTheStationExecutes()
    {
        await SignInAsync("manager");
        await Assertions.Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(1);
        await page.ClickAsync("a[href='/stations/st-nm-01']");
        await Assertions.Expect(page.Locator("#devices [data-device='ebike1']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#alarms")).ToContainTextAsync("门长时间未关");

        var alarm = page.Locator("#alarms tr[data-alarm]").First;
        await alarm.Locator("input[name='note']").FillAsync("已通知保洁关门");
        await alarm.Locator("button[data-ack]").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("告警已确认。");
        await Assertions.Expect(page.Locator("#alarms")).ToContainTextAsync("已通知保洁关门");

        await page.ClickAsync("button[data-command='outlet.disable'][data-dev='ebike1']");
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("命令已发送，等待站点执行。");
        // The row shows the command; the live stream turns 等待执行 into 已完成 when the station's result arrives.
        await Assertions.Expect(page.Locator("#commands .command-state").First).ToHaveTextAsync("已完成", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#commands tbody tr").First).ToContainTextAsync("outlet.disable ok");

        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("#audit-log")).ToContainTextAsync("command.send");
        await Assertions.Expect(page.Locator("#audit-log")).ToContainTextAsync("alarm.acknowledge");
    }

    [TestMethod]
    public async Task ManagerCannotOpenAnotherStation()
    {
        await SignInAsync("manager");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("站点状态总览");
        var response = await page.GotoAsync("/stations/st-yy-01");
        Assert.AreEqual(404, response!.Status);
        await Assertions.Expect(page.Locator("#error-title")).ToHaveTextAsync("找不到该页面，或该站点不在您的管理范围内。");
        var admin = await page.GotoAsync("/admin");
        Assert.AreEqual(403, admin!.Status);
    }

    [TestMethod]
    public async Task UnionOfficeSeesItsRegionReadOnly()
    {
        await SignInAsync("union-nm");
        await Assertions.Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(2);
        await page.GotoAsync("/stations/st-nm-01");
        await Assertions.Expect(page.Locator("#devices")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[data-command]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("button[data-ack]")).ToHaveCountAsync(0);
        await page.GotoAsync("/ratings");
        await Assertions.Expect(page.Locator("#ratings tbody tr")).ToHaveCountAsync(2);
        await page.ClickAsync("#ratings a[href='/ratings/stations/st-nm-01']");
        await Assertions.Expect(page.Locator("#rating-items tbody tr").First).ToBeVisibleAsync();
    }
}
