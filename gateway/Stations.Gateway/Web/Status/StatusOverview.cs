using Dapper;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web.Status;

/// <summary>
/// The status overview's data in one query (state, open alarms, time zone, region), filtered to a person's scope and
/// the chosen filters, counted, and cut to one page: at thousands of stations only a page is rendered and rated.
/// </summary>
public sealed class StatusOverview(StationDatabase database)
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 100;

    /// <summary>The query behind the page (also what the benchmark times as its baseline).</summary>
    public const string Sql =
        """
        SELECT s.station_id, s.name, s.time_zone, COALESCE(t.online, 0) AS online, COALESCE(t.is_open, 0) AS is_open,
            COALESCE(a.n, 0) AS active_alarms, COALESCE(t.last_seen_ms, 0) AS last_seen_ms, r.region_id
        FROM stations s
        LEFT JOIN station_state t ON t.station_id = s.station_id
        LEFT JOIN station_regions r ON r.station_id = s.station_id
        LEFT JOIN (SELECT station_id, COUNT(*) AS n FROM alarms WHERE cleared_at_ms IS NULL GROUP BY station_id) a ON a.station_id = s.station_id
        ORDER BY s.station_id
        """;

    /// <summary>The filters: show is one of all, online, offline, alarms, open, closed.</summary>
    public static IReadOnlyList<string> ShowOptions { get; } = ["all", "online", "offline", "alarms", "open", "closed"];

    /// <summary>Every registered station's row.</summary>
    public async Task<IReadOnlyList<StatusRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<StatusRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <summary>Counts over the stations in scope, and one page of those matching the filters.</summary>
    public async Task<StatusPage> PageAsync(StationAccess access, string? search, string? show, long? regionId, IReadOnlyList<Region> regions, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var all = (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => access.Contains(s.StationId)).ToList();
        IEnumerable<StatusRow> shown = all;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            shown = shown.Where(s => s.StationId.Contains(q, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        }

        if (regionId is { } root)
        {
            var tree = RegionStore.Subtree(regions, root);
            shown = shown.Where(s => s.RegionId is { } at && tree.Contains(at));
        }

        shown = show switch
        {
            "online" => shown.Where(s => s.Online == 1),
            "offline" => shown.Where(s => s.Online != 1),
            "alarms" => shown.Where(s => s.ActiveAlarms > 0),
            "open" => shown.Where(s => s.IsOpen == 1),
            "closed" => shown.Where(s => s.IsOpen != 1),
            _ => shown,
        };
        var matching = shown.ToList();
        var pages = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        var number = Math.Clamp(page, 1, pages);
        return new StatusPage(
            all.Count,
            all.Count(s => s.Online == 1),
            all.Count(s => s.IsOpen == 1),
            all.Count(s => s.ActiveAlarms > 0),
            matching.Count,
            number,
            pages,
            matching.Skip((number - 1) * PageSize).Take(PageSize).ToList());
    }
}
