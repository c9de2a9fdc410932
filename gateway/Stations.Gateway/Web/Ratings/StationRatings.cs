using Dapper;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;
using RatedAlarm = Stations.Ratings.Inputs.AlarmRecord;
using RatedDay = Stations.Ratings.Inputs.DailyRollup;

namespace Stations.Gateway.Web.Ratings;

/// <summary>Rates stations on demand with the default rubric, from the gateway's daily rollups and alarms.</summary>
public sealed class StationRatings(StationDatabase database, StationRegistry registry, RegionStore regions, TimeProvider time)
{
    readonly RatingEngine engine = new(Rubric.Default);

    /// <summary>The rubric applied.</summary>
    public Rubric Rubric => engine.Rubric;

    /// <summary>The last 30 complete local days (ending yesterday).</summary>
    public RatingPeriod LastThirtyDays()
    {
        var yesterday = StationTime.LocalDate(time.GetUtcNow(), StationTime.DefaultZone).AddDays(-1);
        return RatingPeriod.Between(yesterday.AddDays(-29), yesterday);
    }

    /// <summary>Rates each listed station over <see cref="LastThirtyDays"/> (stations no longer registered are skipped).</summary>
    public async Task<IReadOnlyList<RatingResult>> RateAsync(IReadOnlyCollection<string> stationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stationIds);
        var period = LastThirtyDays();
        var allRegions = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var placed = await regions.StationRegionsAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<RatingResult>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var stationId in stationIds)
        {
            var station = await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false);
            if (station == null)
            {
                continue;
            }

            var days = await connection.QueryAsync<DayRow>(
                "SELECT * FROM rollups_daily WHERE station_id = @stationId AND local_date >= @from AND local_date <= @to",
                new { stationId, from = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
            var alarms = await connection.QueryAsync<AlarmRow>(
                "SELECT code, raised_at_ms, acknowledged_at_ms, cleared_at_ms FROM alarms WHERE station_id = @stationId AND raised_at_ms >= @fromMs",
                new { stationId, fromMs = time.GetUtcNow().AddDays(-31).ToUnixTimeMilliseconds() }).ConfigureAwait(false);
            var path = placed.TryGetValue(stationId, out var regionId) ? RegionStore.PathOf(allRegions, regionId).Split(" / ") : [];
            var profile = new StationProfile
            {
                StationId = stationId,
                Name = station.Name,
                Province = path.Length > 0 ? path[0] : "",
                City = path.Length > 1 ? path[1] : "",
                District = path.Length > 2 ? path[2] : "",
                TimeZone = station.TimeZone,
            };
            results.Add(engine.Rate(new StationPeriodData
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
                AsOf = time.GetUtcNow(),
            }));
        }

        return results;
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
            Date = DateOnly.ParseExact(LocalDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
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
