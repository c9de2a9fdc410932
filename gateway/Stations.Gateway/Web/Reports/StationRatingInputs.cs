using System.Data.Common;
using System.Globalization;
using Dapper;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Inputs;
using RatedAlarm = Stations.Ratings.Inputs.AlarmRecord;
using RatedDay = Stations.Ratings.Inputs.DailyRollup;

namespace Stations.Gateway.Web.Reports;

/// <summary>Maps the gateway's storage (stations, regions, rollups_daily, alarms) to the rating engine's inputs.</summary>
public sealed class StationRatingInputs(StationDatabase database, StationRegistry registry, RegionStore regions)
{
    /// <summary>Inputs of each registered station that <paramref name="include"/> accepts (by profile), for <paramref name="period"/>.</summary>
    public async Task<IReadOnlyList<StationPeriodData>> LoadAsync(Func<StationProfile, bool> include, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(period);
        var allRegions = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        var stations = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<StationPeriodData>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var station in stations)
        {
            var path = placed.TryGetValue(station.StationId, out var regionId) ? RegionStore.PathOf(allRegions, regionId).Split(" / ") : [];
            var profile = new StationProfile
            {
                StationId = station.StationId,
                Name = station.Name,
                Province = path.Length > 0 ? path[0] : "",
                City = path.Length > 1 ? path[1] : "",
                District = path.Length > 2 ? path[2] : "",
                TimeZone = station.TimeZone,
            };
            if (include(profile))
            {
                results.Add(await LoadStationAsync(connection, profile, period, asOf, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    static async Task<StationPeriodData> LoadStationAsync(DbConnection connection, StationProfile profile, RatingPeriod period, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var stationId = profile.StationId;
        var days = await connection.QueryAsync<DayRow>(new CommandDefinition(
            "SELECT * FROM rollups_daily WHERE station_id = @stationId AND local_date >= @from AND local_date <= @to",
            new { stationId, from = period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
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
            Days = days.Select(d => d.ToRated(stationId)).ToList(),
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

    sealed class DayRow
    {
        public string LocalDate { get; set; } = "";

        public long Visits { get; set; }

        public double Litres { get; set; }

        public long ChargingSessions { get; set; }

        public double ChargingWh { get; set; }

        public double OpenMinutes { get; set; }

        public double ScheduledMinutes { get; set; }

        public double OpenInScheduleMinutes { get; set; }

        public long? OpenedOnTime { get; set; }

        public double DispenserAvailableMinutes { get; set; }

        public double OutletsAvailableMinutes { get; set; }

        public double ClimateAvailableMinutes { get; set; }

        public double ExpectedDeviceMinutes { get; set; }

        public double ComfortMinutes { get; set; }

        public double HotMinutes { get; set; }

        public double ColdMinutes { get; set; }

        public long TelemetryReceived { get; set; }

        public long TelemetryExpected { get; set; }

        public long SafetyTrips { get; set; }

        // The gateway's rollup keeps one "expected device minutes" figure; each device class is measured against it.
        public RatedDay ToRated(string stationId) => new()
        {
            StationId = stationId,
            Date = DateOnly.ParseExact(LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ScheduledMinutes = (int)ScheduledMinutes,
            OpenMinutesWithinSchedule = (int)OpenInScheduleMinutes,
            OpenedOnTime = OpenedOnTime == 1,
            Visits = (int)Visits,
            Litres = Litres,
            ChargingSessions = (int)ChargingSessions,
            EnergyWh = ChargingWh,
            TelemetryExpected = (int)TelemetryExpected,
            TelemetryReceived = (int)TelemetryReceived,
            DispenserAvailableMinutes = (int)DispenserAvailableMinutes,
            DispenserExpectedMinutes = (int)ExpectedDeviceMinutes,
            OutletAvailableMinutes = (int)OutletsAvailableMinutes,
            OutletExpectedMinutes = (int)ExpectedDeviceMinutes,
            ClimateAvailableMinutes = (int)ClimateAvailableMinutes,
            ClimateExpectedMinutes = (int)ExpectedDeviceMinutes,
            OccupiedMinutes = (int)OpenMinutes,
            ComfortMinutes = (int)ComfortMinutes,
            MinutesAbove32 = (int)HotMinutes,
            MinutesBelow10 = (int)ColdMinutes,
            SafetyTrips = (int)SafetyTrips,
        };
    }
}
