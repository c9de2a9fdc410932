using System.Data.Common;
using System.Globalization;
using Dapper;
using Stations.Gateway.Ratings;
using Stations.Gateway.Rollups;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Inputs;
using RatedAlarm = Stations.Ratings.Inputs.AlarmRecord;
using RatedDay = Stations.Ratings.Inputs.DailyRollup;

namespace Stations.Gateway.Web.Reports;

/// <summary>Maps the gateway's storage (stations, profiles, regions, rollups_daily, alarms, stored ratings) to the rating engine's inputs.</summary>
public sealed class StationRatingInputs(StationDatabase database, StationRegistry registry, RegionStore regions, RollupService rollups, StationProfileStore profiles, StoredRatingStore storedRatings)
{
    /// <summary>Inputs of each registered station that <paramref name="include"/> accepts (by profile), for <paramref name="period"/>.</summary>
    public Task<IReadOnlyList<StationPeriodData>> LoadAsync(Func<StationProfile, bool> include, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(include);
        return LoadAsync(include, null, period, asOf, cancellationToken);
    }

    /// <summary>Inputs of the listed registered stations only (their stored history only), for <paramref name="period"/>: a page of stations.</summary>
    public Task<IReadOnlyList<StationPeriodData>> LoadAsync(IReadOnlyCollection<string> stationIds, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var wanted = new HashSet<string>(stationIds, StringComparer.Ordinal);
        return LoadAsync(p => wanted.Contains(p.StationId), wanted, period, asOf, cancellationToken);
    }

    async Task<IReadOnlyList<StationPeriodData>> LoadAsync(Func<StationProfile, bool> include, HashSet<string>? stationIds, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var allRegions = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        var stations = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var attributes = await profiles.ListAsync(cancellationToken).ConfigureAwait(false);
        // Hysteresis reads the stored months before the period (promotion needs consecutive months; 证据不足 keeps the last star).
        var history = await storedRatings.HistoryBeforeAsync(period.From, stationIds, cancellationToken).ConfigureAwait(false);
        var results = new List<StationPeriodData>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var station in stations)
        {
            if (stationIds != null && !stationIds.Contains(station.StationId))
            {
                continue;
            }

            var path = placed.TryGetValue(station.StationId, out var regionId) ? RegionStore.PathOf(allRegions, regionId).Split(" / ") : [];
            var profile = StationProfileStore.Apply(new StationProfile
            {
                StationId = station.StationId,
                Name = station.Name,
                Province = path.Length > 0 ? path[0] : "",
                City = path.Length > 1 ? path[1] : "",
                District = path.Length > 2 ? path[2] : "",
                TimeZone = station.TimeZone,
            }, attributes.GetValueOrDefault(station.StationId));
            if (include(profile))
            {
                var data = await LoadStationAsync(connection, rollups, profile, period, asOf, cancellationToken).ConfigureAwait(false);
                results.Add(history.TryGetValue(station.StationId, out var earlier) ? data with { History = earlier } : data);
            }
        }

        return results;
    }

    static async Task<StationPeriodData> LoadStationAsync(DbConnection connection, RollupService rollups, StationProfile profile, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var stationId = profile.StationId;
        var days = await rollups.GetDailyAsync(stationId, period.From, period.To, cancellationToken).ConfigureAwait(false);
        // Local days span UTC±14 h: a day either side keeps every alarm raised in the period.
        var fromMs = new DateTimeOffset(period.From.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var toMs = new DateTimeOffset(period.To.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var alarms = await connection.QueryAsync<AlarmRow>(new CommandDefinition(
            "SELECT code, raised_at_ms, acknowledged_at_ms, cleared_at_ms FROM alarms WHERE station_id = @stationId AND raised_at_ms >= @fromMs AND raised_at_ms < @toMs",
            new { stationId, fromMs, toMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StationPeriodData
        {
            Profile = profile,
            Period = period,
            Days = days.Select(ToRated).ToList(),
            Alarms = alarms.Select(a => new RatedAlarm
            {
                StationId = stationId,
                Kind = a.Code,
                RaisedAt = DateTimeOffset.FromUnixTimeMilliseconds(a.RaisedAtMs),
                AcknowledgedAt = a.AcknowledgedAtMs is { } ack ? DateTimeOffset.FromUnixTimeMilliseconds(ack) : null,
                ClearedAt = a.ClearedAtMs is { } cleared ? DateTimeOffset.FromUnixTimeMilliseconds(cleared) : null,
            }).ToList(),
            AsOf = asOf,
        };
    }

    sealed class AlarmRow
    {
        public string Code { get; set; } = "";

        public long RaisedAtMs { get; set; }

        public long? AcknowledgedAtMs { get; set; }

        public long? ClearedAtMs { get; set; }
    }

    // The gateway's rollup keeps one "expected device minutes" figure; each device class is measured against it.
    static RatedDay ToRated(Rollups.DailyRollup d) => new()
    {
        StationId = d.StationId,
        Date = d.LocalDate,
        ScheduledMinutes = (int)d.ScheduledMinutes,
        OpenMinutesWithinSchedule = (int)d.OpenInScheduleMinutes,
        OpenedOnTime = d.OpenedOnTime == true,
        Visits = (int)d.Visits,
        Litres = d.Litres,
        ChargingSessions = (int)d.ChargingSessions,
        EnergyWh = d.ChargingWh,
        TelemetryExpected = (int)d.TelemetryExpected,
        TelemetryReceived = (int)d.TelemetryReceived,
        DispenserAvailableMinutes = (int)d.DispenserAvailableMinutes,
        DispenserExpectedMinutes = (int)d.ExpectedDeviceMinutes,
        OutletAvailableMinutes = (int)d.OutletsAvailableMinutes,
        OutletExpectedMinutes = (int)d.ExpectedDeviceMinutes,
        ClimateAvailableMinutes = (int)d.ClimateAvailableMinutes,
        ClimateExpectedMinutes = (int)d.ExpectedDeviceMinutes,
        OccupiedMinutes = (int)d.OpenMinutes,
        ComfortMinutes = (int)d.ComfortMinutes,
        MinutesAbove32 = (int)d.HotMinutes,
        MinutesBelow10 = (int)d.ColdMinutes,
        SafetyTrips = (int)d.SafetyTrips,
    };
}
