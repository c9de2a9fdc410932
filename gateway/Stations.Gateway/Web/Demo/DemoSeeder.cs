using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Regions;

namespace Stations.Gateway.Web.Demo;

/// <summary>
/// Demo data: 贵州省 → 贵阳市 → 南明区/云岩区/观山湖区, one user per role (passwords kept in the data folder and printed
/// on every run), and simulated stations registered with the passwords the simulator derives from the demo secret.
/// Idempotent: a second run finds everything and only prints the logins again.
/// </summary>
public sealed class DemoSeeder(UserStore users, RegionStore regions, StationRegistry registry, IOptions<WebOptions> webOptions, IOptions<StorageOptions> storage, ILogger<DemoSeeder> logger, global::Stations.Gateway.Ratings.StationProfileStore profiles)
{
    static readonly string[] Districts = ["南明区", "云岩区", "观山湖区"];
    static readonly string[] Streets = ["中华南路", "遵义路", "宝山北路", "北京路", "延安中路", "花果园", "林城西路", "长岭北路", "金阳南路", "市府路", "新华路", "瑞金北路"];

    /// <summary>The demo users: name, role, display name.</summary>
    public static IReadOnlyList<(string UserName, string Role, string DisplayName)> DemoUsers { get; } =
    [
        ("admin", WebRoles.Administrator, "系统管理员"),
        ("tech", WebRoles.Technician, "技术员 王工"),
        ("manager", WebRoles.StationManager, "站长 李梅"),
        ("manager2", WebRoles.StationManager, "站长 张军"),
        ("union-nanming", WebRoles.UnionOffice, "南明区总工会"),
        ("union-guiyang", WebRoles.UnionOffice, "贵阳市总工会"),
    ];

    /// <summary>Seeds what is missing; returns the path of the logins file.</summary>
    public async Task<string> SeedAsync(CancellationToken cancellationToken = default)
    {
        var demo = webOptions.Value.Demo;
        var regionIds = await EnsureRegionsAsync(cancellationToken).ConfigureAwait(false);
        var stationIds = new List<string>();
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 1; i <= demo.Stations; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{demo.IdPrefix}-{i:D4}");
            stationIds.Add(id);
            if (await registry.FindAsync(id, cancellationToken).ConfigureAwait(false) == null)
            {
                var district = Districts[(i - 1) % Districts.Length];
                var street = Streets[(i - 1) % Streets.Length];
                var name = district + street + "工会驿站";
                // Every fourth station is a 24-hour smart station; the others keep day hours.
                var smart = i % 4 == 0;
                await registry.RegisterAsync(id, DerivePassword(demo.Secret, id), name, "Asia/Shanghai", smart ? 0 : 7 * 60, smart ? 1440 : 21 * 60, cancellationToken).ConfigureAwait(false);
            }

            if (!placed.ContainsKey(id))
            {
                var district = Districts[(i - 1) % Districts.Length];
                await regions.PlaceStationAsync(id, regionIds[district], "贵阳市" + district + Streets[(i - 1) % Streets.Length] + (i * 7).ToString(CultureInfo.InvariantCulture) + "号", cancellationToken).ConfigureAwait(false);
            }
        }

        await SeedProfilesAsync(stationIds, cancellationToken).ConfigureAwait(false);
        var loginsPath = Path.Combine(Path.GetFullPath(storage.Value.DataFolder), demo.LoginsFile);
        var logins = ReadLogins(loginsPath);
        foreach (var (userName, role, displayName) in DemoUsers)
        {
            if (await users.FindByNameAsync(userName, cancellationToken).ConfigureAwait(false) != null)
            {
                continue;
            }

            var password = logins.TryGetValue(userName, out var known) ? known : NewPassword();
            long? region = userName switch
            {
                "union-nanming" => regionIds["南明区"],
                "union-guiyang" => regionIds["贵阳市"],
                _ => null,
            };
            var userId = await users.CreateAsync(userName, displayName, role, region, password, cancellationToken).ConfigureAwait(false);
            logins[userName] = password;
            if (userName == "manager")
            {
                // The first manager looks after four 南明区 stations; the second after three 云岩区 ones.
                await users.AssignStationsAsync(userId, stationIds.Where((_, index) => index % Districts.Length == 0).Take(4), cancellationToken).ConfigureAwait(false);
            }
            else if (userName == "manager2")
            {
                await users.AssignStationsAsync(userId, stationIds.Where((_, index) => index % Districts.Length == 1).Take(3), cancellationToken).ConfigureAwait(false);
            }
        }

        WriteLogins(loginsPath, logins);
        logger.LogInformation("Demo data ready: {Stations} stations, logins in {File}", demo.Stations, loginsPath);
        return loginsPath;
    }

    // Plausible facilities (set once, never overwritten): every 4th (smart) station meets the 5-star gate, the others fall short in different ways.
    async Task SeedProfilesAsync(List<string> stationIds, CancellationToken cancellationToken)
    {
        var saved = await profiles.ListAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 1; i <= stationIds.Count; i++)
        {
            var id = stationIds[i - 1];
            if (saved.ContainsKey(id))
            {
                continue;
            }

            var (area, seats, aed, services) = (i % 4, i % 3) switch
            {
                (0, _) => (36.0, 24, true, new[] { "microwave", "firstAidKit", "toilet", "airConditioner", "phoneCharging", "legalAid", "nursingRoom" }),
                (_, 0) => (32.0, 20, true, new[] { "microwave", "firstAidKit", "airConditioner", "phoneCharging" }),
                (_, 1) => (24.0, 12, false, new[] { "microwave", "firstAidKit", "phoneCharging", "readingCorner" }),
                _ => (18.0, 8, false, new[] { "microwave", "phoneCharging" }),
            };
            await profiles.SaveAsync(id, area, seats, aed, services, "demo", global::Stations.Ratings.Rubrics.RatingMessages.English, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The simulator's demo password of a station: first 32 lowercase hex of HMAC-SHA256(secret, station id).</summary>
    public static string DerivePassword(string secret, string stationId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stationId)))[..32];

    async Task<Dictionary<string, long>> EnsureRegionsAsync(CancellationToken cancellationToken)
    {
        var existing = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        async Task<long> Ensure(string name, long? parent)
        {
            var found = existing.FirstOrDefault(r => r.Name == name && r.ParentId == parent);
            return found?.RegionId ?? await regions.CreateAsync(name, name + "总工会", parent, cancellationToken).ConfigureAwait(false);
        }

        ids["贵州省"] = await Ensure("贵州省", null).ConfigureAwait(false);
        ids["贵阳市"] = await Ensure("贵阳市", ids["贵州省"]).ConfigureAwait(false);
        foreach (var district in Districts)
        {
            ids[district] = await Ensure(district, ids["贵阳市"]).ConfigureAwait(false);
        }

        return ids;
    }

    static string NewPassword() => "Demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    static Dictionary<string, string> ReadLogins(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length >= 3 && !line.StartsWith('#'))
            {
                result[parts[0]] = parts[2];
            }
        }

        return result;
    }

    static void WriteLogins(string path, Dictionary<string, string> logins)
    {
        var lines = new List<string> { "# user role password (demo only; delete this file to stop showing them)" };
        foreach (var (userName, role, _) in DemoUsers)
        {
            if (logins.TryGetValue(userName, out var password))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{userName,-14} {role,-11} {password}"));
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
