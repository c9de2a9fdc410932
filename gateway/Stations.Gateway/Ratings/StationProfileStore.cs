using Dapper;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Gateway.Ratings;

/// <summary>Reads and saves station profile attributes (area, seats, AED, services), validating them before they are stored.</summary>
public sealed class StationProfileStore(StationDatabase database, StationRegistry registry, TimeProvider time)
{
    /// <summary>The attributes of one station, or null when none were saved yet.</summary>
    public async Task<StationProfileAttributes?> FindAsync(string stationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StationProfileAttributes>(new CommandDefinition(
            "SELECT * FROM station_profiles WHERE station_id = @stationId", new { stationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Every saved profile by station id.</summary>
    public async Task<IReadOnlyDictionary<string, StationProfileAttributes>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StationProfileAttributes>(new CommandDefinition("SELECT * FROM station_profiles", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.StationId, StringComparer.Ordinal);
    }

    /// <summary>Validates and saves (insert or replace); returns the problems in the messages' language, nothing saved when there are any.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string stationId, double areaSquareMetres, int seats, bool hasAed, IEnumerable<string> services, string updatedBy, RatingMessages messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(messages);
        var codes = services.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false) == null)
        {
            return [messages.Format("ProfileStationUnknown", stationId)];
        }

        var problems = StationProfileValidator.Validate(areaSquareMetres, seats, codes, messages);
        if (problems.Count > 0)
        {
            return problems;
        }

        // Catalogue order, so the same choice is always stored the same way.
        var ordered = StationServices.All.Select(s => s.Code).Where(codes.Contains);
        var row = new StationProfileAttributes
        {
            StationId = stationId,
            AreaSquareMetres = areaSquareMetres,
            Seats = seats,
            HasAed = hasAed ? 1 : 0,
            Services = string.Join(",", ordered),
            UpdatedBy = updatedBy,
            UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO station_profiles (station_id, area_square_metres, seats, has_aed, services, updated_by, updated_at_ms)
            VALUES (@StationId, @AreaSquareMetres, @Seats, @HasAed, @Services, @UpdatedBy, @UpdatedAtMs)
            ON CONFLICT (station_id) DO UPDATE SET area_square_metres = excluded.area_square_metres, seats = excluded.seats,
                has_aed = excluded.has_aed, services = excluded.services, updated_by = excluded.updated_by, updated_at_ms = excluded.updated_at_ms
            """,
            row,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [];
    }

    /// <summary>The engine's profile: <paramref name="profile"/> (identity and region) with the saved attributes, if any.</summary>
    public static StationProfile Apply(StationProfile profile, StationProfileAttributes? attributes)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (attributes == null)
        {
            return profile;
        }

        var codes = attributes.ServiceCodes;
        return profile with
        {
            AreaSquareMetres = attributes.AreaSquareMetres,
            Seats = (int)attributes.Seats,
            HasAed = attributes.HasAed != 0,
            SpecialServices = StationServices.Special(codes),
            Facilities = StationServices.Basic(codes),
        };
    }
}
