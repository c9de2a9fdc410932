using Dapper;
using Microsoft.Extensions.Localization;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;

namespace Stations.Gateway.Web.Regions;

/// <summary>The region tree, and which region each station belongs to; input errors are <see cref="ArgumentException"/>s in the UI language.</summary>
public sealed class RegionStore(StationDatabase database, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>Every region, parents before children where ids allow.</summary>
    public async Task<IReadOnlyList<Region>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<Region>("SELECT region_id, parent_id, name, union_office FROM regions ORDER BY region_id").ConfigureAwait(false)).ToList();
    }

    /// <summary>Adds a region under <paramref name="parentId"/>; throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public async Task<long> CreateAsync(string name, string unionOffice, long? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(l["Region_NameRequired"]);
        }

        var regions = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (parentId != null && regions.All(r => r.RegionId != parentId))
        {
            throw new ArgumentException(l["Region_NoParent", parentId]);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO regions (parent_id, name, union_office, created_at_ms) VALUES (@parentId, @name, @office, @now) RETURNING region_id",
            new { parentId, name = name.Trim(), office = string.IsNullOrWhiteSpace(unionOffice) ? name.Trim() + "总工会" : unionOffice.Trim(), now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
    }

    /// <summary>Renames a region and its union office (an empty office name keeps the current one).</summary>
    public async Task RenameAsync(long regionId, string name, string? unionOffice, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(l["Region_NameRequired"]);
        }

        var region = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.RegionId == regionId)
            ?? throw new ArgumentException(l["Region_NoRegion", regionId]);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE regions SET name = @name, union_office = @office WHERE region_id = @regionId",
            new { regionId, name = name.Trim(), office = string.IsNullOrWhiteSpace(unionOffice) ? region.UnionOffice : unionOffice.Trim() }).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a region; refused (naming what still points at it) while stations, users, lower regions or report
    /// schedules are in it. Its rubric choice goes with it.
    /// </summary>
    public async Task RemoveAsync(long regionId, CancellationToken cancellationToken = default)
    {
        var regions = await ListAsync(cancellationToken).ConfigureAwait(false);
        var region = regions.FirstOrDefault(r => r.RegionId == regionId) ?? throw new ArgumentException(l["Region_NoRegion", regionId]);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var uses = await connection.QuerySingleAsync<(long Stations, long Users, long Children, long Schedules)>(
            """
            SELECT (SELECT COUNT(*) FROM station_regions WHERE region_id = @regionId),
                   (SELECT COUNT(*) FROM users WHERE region_id = @regionId),
                   (SELECT COUNT(*) FROM regions WHERE parent_id = @regionId),
                   (SELECT COUNT(*) FROM report_schedules WHERE region_id = @regionId)
            """,
            new { regionId }).ConfigureAwait(false);
        if (uses.Stations + uses.Users + uses.Children + uses.Schedules > 0)
        {
            throw new ArgumentException(l["Region_InUse", region.Name, uses.Stations, uses.Users, uses.Children, uses.Schedules]);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM region_rubrics WHERE region_id = @regionId", new { regionId }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM regions WHERE region_id = @regionId", new { regionId }, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Station id → region id for every station placed in a region.</summary>
    public async Task<IReadOnlyDictionary<string, long>> StationRegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string StationId, long RegionId)>("SELECT station_id, region_id FROM station_regions").ConfigureAwait(false);
        return rows.ToDictionary(r => r.StationId, r => r.RegionId, StringComparer.Ordinal);
    }

    /// <summary>Places a station in a region (replacing its previous region).</summary>
    public async Task PlaceStationAsync(string stationId, long regionId, string? address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO station_regions (station_id, region_id, address) VALUES (@stationId, @regionId, @address)
            ON CONFLICT (station_id) DO UPDATE SET region_id = excluded.region_id, address = excluded.address
            """,
            new { stationId, regionId, address }).ConfigureAwait(false);
    }

    /// <summary>The ids of <paramref name="rootId"/> and every region below it.</summary>
    public static HashSet<long> Subtree(IReadOnlyList<Region> regions, long rootId)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var result = new HashSet<long> { rootId };
        var added = true;
        while (added)
        {
            added = false;
            foreach (var region in regions)
            {
                if (region.ParentId is { } parent && result.Contains(parent) && result.Add(region.RegionId))
                {
                    added = true;
                }
            }
        }

        return result;
    }

    /// <summary>"贵州省 / 贵阳市 / 南明区" for a region.</summary>
    public static string PathOf(IReadOnlyList<Region> regions, long regionId)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var names = new List<string>();
        var byId = regions.ToDictionary(r => r.RegionId);
        long? current = regionId;
        while (current is { } id && byId.TryGetValue(id, out var region) && names.Count < 16)
        {
            names.Insert(0, region.Name);
            current = region.ParentId;
        }

        return string.Join(" / ", names);
    }
}
