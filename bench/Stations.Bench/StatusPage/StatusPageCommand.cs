using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Spectre.Console;
using Stations.Gateway.Storage;
using Stations.Gateway.Testing;
using Stations.Gateway.Web;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Status;

namespace Stations.Bench.StatusPage;

/// <summary>
/// `status-page [--stations N] [--requests R]` (P7): seeds N stations with state and open alarms into SQLite, then
/// times the status overview as an administrator sees it (server time from a middleware around the pipeline, bytes
/// sent) against baselines in the same run: the bare SQL query behind the page, and the health endpoint.
/// </summary>
public static partial class StatusPageCommand
{
    const string AdminPassword = "bench-admin-password";

    /// <summary>Seeds, measures and prints the table; exit code 0.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stations = (int)arguments.Number("--stations", 5000, 10, 100_000);
        var requests = (int)arguments.Number("--requests", 30, 3, 10_000);
        var serverMs = new ConcurrentDictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal);
        await using var gateway = await new GatewayStarter()
            .InEnvironment("Production")
            .WithSqlite("bench-status")
            .WithWeb(AdminPassword)
            .With("Logging:LogLevel:Stations.Gateway.DeviceState.PresenceMonitor", "Error")
            // Server time: from the first middleware to the last byte written, per path and query.
            .WithPipeline(app => app.Use(async (context, next) =>
            {
                var watch = Stopwatch.StartNew();
                await next(context);
                serverMs.GetOrAdd(context.Request.Path + context.Request.QueryString, _ => []).Add(watch.Elapsed.TotalMilliseconds);
            }))
            .StartAsync();
        var database = gateway.Get<StationDatabase>();
        var seedWatch = Stopwatch.StartNew();
        var alarms = await StatusSeeder.SeedAsync(gateway.Get<RegionStore>(), database, stations, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        AnsiConsole.MarkupLine($"P7 status page: seeded {stations:N0} stations, {alarms:N0} open alarms into SQLite in {seedWatch.Elapsed.TotalSeconds:F1} s; {requests} timed requests each after 3 warm-up");

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = gateway.BaseAddress };
        await SignInAsync(client);

        var sql = new List<double>();
        for (var i = 0; i < requests + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var connection = await database.OpenAsync();
            var rows = (await connection.QueryAsync<StatusRow>(StatusOverview.Sql)).AsList();
            if (i >= 3)
            {
                sql.Add(watch.Elapsed.TotalMilliseconds);
            }

            if (rows.Count != stations)
            {
                throw new InvalidOperationException($"the query returned {rows.Count} rows, expected {stations}");
            }
        }

        var pages = new (string Name, string Path)[]
        {
            ("GET /health/live (baseline)", "/health/live"),
            ($"GET / status page (page 1 of {(stations + StatusOverview.PageSize - 1) / StatusOverview.PageSize})", "/"),
            ("GET /?show=alarms (filtered)", "/?show=alarms"),
            ("GET /?q=00042 (search, 1 row)", "/?q=00042"),
            ("GET /?q=none (no rows: no ratings)", "/?q=none"),
            ("GET /?p=40 (a later page)", "/?p=40"),
            ("GET /alarms (active alarms, page 1)", "/alarms"),
        };
        var results = new List<(string Name, double P50, double P95, long Bytes)> { ("SQL query behind the page (in-process, baseline)", Percentile(sql, 0.5), Percentile(sql, 0.95), 0) };
        foreach (var (name, path) in pages)
        {
            long bytes = 0;
            for (var i = 0; i < requests + 3; i++)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                }

                bytes = body.Length;
            }

            var times = serverMs[path == "/" ? "/" : path].ToList();
            times = times.Skip(3).ToList();
            results.Add((name, Percentile(times, 0.5), Percentile(times, 0.95), bytes));
        }

        var sqlMedian = results[0].P50;
        var table = new Table()
            .AddColumn("request").AddColumn(new TableColumn("server p50 ms").RightAligned()).AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("× SQL").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var (name, p50, p95, bytes) in results)
        {
            table.AddRow(
                Markup.Escape(name),
                p50.ToString("F2", CultureInfo.InvariantCulture),
                p95.ToString("F2", CultureInfo.InvariantCulture),
                (p50 / sqlMedian).ToString("F1", CultureInfo.InvariantCulture),
                bytes == 0 ? "—" : bytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(
            Machine.Describe()));
        AnsiConsole.MarkupLine($"the overview shows {StatusOverview.PageSize} stations per page; the cards count all {stations:N0}");
        return 0;
    }

    static async Task SignInAsync(HttpClient client)
    {
        var form = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = Token().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(
        [
            new("userName", "admin"),
            new("password", AdminPassword),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
        ]);
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("signing in as admin failed: " + response.StatusCode);
        }
    }

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
