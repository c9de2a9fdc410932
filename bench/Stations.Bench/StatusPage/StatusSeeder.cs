using System.Globalization;
using Dapper;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;

namespace Stations.Bench.StatusPage;

/// <summary>
/// Seeds a fleet for the status-page run straight into the store: regions (1 province, 10 cities, 5 districts each),
/// stations spread over the districts and three time zones, their state (90 % online, 70 % open, seen in the last
/// minute) and 1-3 open alarms on every tenth station. Fixed seed, so every run sees the same fleet.
/// </summary>
public static class StatusSeeder
{
    static readonly string[] Zones = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Shanghai", "Asia/Harbin"];
    static readonly string[] AlarmCodes = ["door.left-open", "temp.high", "dispenser.dry", "outlet.lockout"];

    /// <summary>Seeds <paramref name="stations"/> stations; returns how many alarms are open.</summary>
    public static async Task<int> SeedAsync(RegionStore regions, StationDatabase database, int stations, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(database);
        var province = await regions.CreateAsync("贵州省", "贵州省总工会", null).ConfigureAwait(false);
        var districts = new List<long>();
        for (var c = 1; c <= 10; c++)
        {
            var city = await regions.CreateAsync($"市 {c:D2}", "", province).ConfigureAwait(false);
            for (var d = 1; d <= 5; d++)
            {
                districts.Add(await regions.CreateAsync($"区 {c:D2}-{d}", "", city).ConfigureAwait(false));
            }
        }

        var random = new Random(20261123);
        var alarms = 0;
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        for (var i = 1; i <= stations; i++)
        {
            var id = "bench-" + i.ToString("00000", CultureInfo.InvariantCulture);
            var p = new
            {
                id,
                name = $"工会驿站 {i:D5}",
                zone = Zones[i % Zones.Length],
                region = districts[i % districts.Count],
                online = random.NextDouble() < 0.9 ? 1 : 0,
                open = random.NextDouble() < 0.7 ? 1 : 0,
                // Seen within the last minute, so the presence monitor (300 s) leaves them alone during the run.
                seen = nowMs - random.Next(0, 60_000),
                now = nowMs,
            };
            await connection.ExecuteAsync(
                """
                INSERT INTO stations (station_id, name, time_zone, password_hash, enabled, schedule_open_minute, schedule_close_minute, created_at_ms)
                VALUES (@id, @name, @zone, 'not-a-login', 1, 420, 1260, @now);
                INSERT INTO station_state (station_id, online, is_open, last_seen_ms, last_status_ms) VALUES (@id, @online, @open, @seen, @seen);
                INSERT INTO station_regions (station_id, region_id) VALUES (@id, @region);
                """,
                p,
                transaction).ConfigureAwait(false);
            if (i % 10 == 0)
            {
                var count = 1 + (i % 3);
                for (var a = 0; a < count; a++)
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO alarms (station_id, code, device_id, severity, source, raised_at_ms, last_seen_ms, occurrences) VALUES (@id, @code, @device, @severity, 'station', @raised, @raised, 1)",
                        new { id, code = AlarmCodes[a], device = "dev" + a, severity = a == 1 ? "crit" : "warn", raised = p.seen - (a * 60_000) },
                        transaction).ConfigureAwait(false);
                    alarms++;
                }
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return alarms;
    }
}
