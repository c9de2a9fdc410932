using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Rollups;

/// <summary>
/// Keeps hourly and daily rollups equal to what raw data says: ingestion marks station-days dirty (late data,
/// replays, re-dated messages), and this service recomputes each dirty day from raw. Also rebuilds everything on request.
/// </summary>
public sealed class RollupService(StationDatabase database, StationRegistry registry, IOptions<RollupOptions> options, TimeProvider time, ILogger<RollupService> logger)
{
    readonly RollupCalculator calculator = new(options.Value);

    /// <summary>Recomputes every dirty station-day; returns how many were recomputed.</summary>
    public async Task<int> RecomputeDirtyAsync(CancellationToken cancellationToken = default)
    {
        List<(string StationId, string LocalDate)> dirty;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            dirty = (await connection.QueryAsync<(string, string)>("SELECT station_id, local_date FROM rollup_dirty ORDER BY station_id, local_date").ConfigureAwait(false)).ToList();
        }

        foreach (var (stationId, localDate) in dirty)
        {
            await RecomputeDayAsync(stationId, DateOnly.ParseExact(localDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        return dirty.Count;
    }

    /// <summary>Marks every day that has raw data dirty (optionally one station) and recomputes them all.</summary>
    public async Task<int> RebuildAsync(string? stationId = null, CancellationToken cancellationToken = default)
    {
        var stations = stationId == null ? await registry.ListAsync(cancellationToken).ConfigureAwait(false) : [(await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false))!];
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var station in stations.Where(s => s != null))
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(station.TimeZone);
                var times = (await connection.QueryAsync<long>("SELECT DISTINCT ts_ms / 3600000 FROM messages WHERE station_id = @StationId", new { station.StationId }).ConfigureAwait(false)).ToList();
                foreach (var day in times.Select(h => LocalDate(h * 3_600_000, zone)).Distinct())
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO rollup_dirty (station_id, local_date, marked_at_ms) VALUES (@StationId, @day, @now) ON CONFLICT (station_id, local_date) DO NOTHING",
                        new { station.StationId, day, now = time.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
                }
            }
        }

        return await RecomputeDirtyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Daily rollups of a station for local days in [from, to].</summary>
    public async Task<IReadOnlyList<DailyRollup>> GetDailyAsync(string stationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DailyRow>(
            "SELECT * FROM rollups_daily WHERE station_id = @stationId AND local_date >= @from AND local_date <= @to ORDER BY local_date",
            new { stationId, from = Format(from), to = Format(to) }).ConfigureAwait(false);
        return rows.Select(r => r.ToRollup()).ToList();
    }

    /// <summary>Daily rollups of every station for local days in [from, to] (what the ratings engine reads).</summary>
    public async Task<IReadOnlyList<DailyRollup>> GetDailyForAllAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DailyRow>(
            "SELECT * FROM rollups_daily WHERE local_date >= @from AND local_date <= @to ORDER BY station_id, local_date",
            new { from = Format(from), to = Format(to) }).ConfigureAwait(false);
        return rows.Select(r => r.ToRollup()).ToList();
    }

    /// <summary>Hourly rollups of a station's local day.</summary>
    public async Task<IReadOnlyList<HourlyRollup>> GetHourlyAsync(string stationId, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HourlyRow>(
            "SELECT * FROM rollups_hourly WHERE station_id = @stationId AND local_date = @day ORDER BY hour", new { stationId, day = Format(day) }).ConfigureAwait(false);
        return rows.Select(r => new HourlyRollup(r.StationId, day, (int)r.Hour, r.Visits, r.Litres, r.ChargingSessions, r.ChargingWh, r.OpenMinutes, r.ScheduledMinutes,
            r.ComfortMinutes, r.HotMinutes, r.ColdMinutes, r.TelemetryReceived, r.TelemetryExpected, r.SafetyTrips)).ToList();
    }

    async Task RecomputeDayAsync(string stationId, DateOnly day, CancellationToken cancellationToken)
    {
        var station = await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false);
        // One station-day per turn: an ingestion batch waiting for the write lock gets in between two days.
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Un-mark first: a message committed after this point marks the day dirty again, so no late data is missed.
        await connection.ExecuteAsync("DELETE FROM rollup_dirty WHERE station_id = @stationId AND local_date = @day", new { stationId, day = Format(day) }, transaction).ConfigureAwait(false);
        if (station == null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(station.TimeZone);
        var (start, end) = RollupCalculator.DayBounds(day, zone);
        var period = await connection.ExecuteScalarAsync<long?>("SELECT telemetry_period_s FROM station_state WHERE station_id = @stationId", new { stationId }, transaction).ConfigureAwait(false) ?? 60;
        var messages = await connection.QueryAsync<RawMessage>(
            "SELECT kind, event_type, ts_ms, payload FROM messages WHERE station_id = @stationId AND ts_ms >= @start AND ts_ms < @end AND kind IN ('telemetry', 'event')",
            new { stationId, start, end }, transaction).ConfigureAwait(false);
        var (daily, hours) = calculator.Compute(station, day, (int)period, messages);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync("DELETE FROM rollups_daily WHERE station_id = @stationId AND local_date = @day", new { stationId, day = Format(day) }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM rollups_hourly WHERE station_id = @stationId AND local_date = @day", new { stationId, day = Format(day) }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO rollups_daily (station_id, local_date, time_zone, visits, litres, charging_sessions, charging_wh, open_minutes, scheduled_minutes,
                open_in_schedule_minutes, opened_on_time, dispenser_available_minutes, outlets_available_minutes, climate_available_minutes, expected_device_minutes,
                comfort_minutes, hot_minutes, cold_minutes, telemetry_received, telemetry_expected, safety_trips, computed_at_ms)
            VALUES (@StationId, @day, @TimeZone, @Visits, @Litres, @ChargingSessions, @ChargingWh, @OpenMinutes, @ScheduledMinutes,
                @OpenInScheduleMinutes, @onTime, @DispenserAvailableMinutes, @OutletsAvailableMinutes, @ClimateAvailableMinutes, @ExpectedDeviceMinutes,
                @ComfortMinutes, @HotMinutes, @ColdMinutes, @TelemetryReceived, @TelemetryExpected, @SafetyTrips, @now)
            """,
            new
            {
                daily.StationId, day = Format(day), daily.TimeZone, daily.Visits, daily.Litres, daily.ChargingSessions, daily.ChargingWh, daily.OpenMinutes, daily.ScheduledMinutes,
                daily.OpenInScheduleMinutes, onTime = daily.OpenedOnTime is { } t ? (t ? 1L : 0L) : (long?)null, daily.DispenserAvailableMinutes, daily.OutletsAvailableMinutes,
                daily.ClimateAvailableMinutes, daily.ExpectedDeviceMinutes, daily.ComfortMinutes, daily.HotMinutes, daily.ColdMinutes, daily.TelemetryReceived, daily.TelemetryExpected,
                daily.SafetyTrips, now,
            },
            transaction).ConfigureAwait(false);
        foreach (var h in hours)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO rollups_hourly (station_id, local_date, hour, visits, litres, charging_sessions, charging_wh, open_minutes, scheduled_minutes,
                    comfort_minutes, hot_minutes, cold_minutes, telemetry_received, telemetry_expected, safety_trips)
                VALUES (@StationId, @day, @hour, @Visits, @Litres, @ChargingSessions, @ChargingWh, @OpenMinutes, @ScheduledMinutes,
                    @ComfortMinutes, @HotMinutes, @ColdMinutes, @TelemetryReceived, @TelemetryExpected, @SafetyTrips)
                """,
                new
                {
                    h.StationId, day = Format(day), hour = (long)h.Hour, h.Visits, h.Litres, h.ChargingSessions, h.ChargingWh, h.OpenMinutes, h.ScheduledMinutes,
                    h.ComfortMinutes, h.HotMinutes, h.ColdMinutes, h.TelemetryReceived, h.TelemetryExpected, h.SafetyTrips,
                },
                transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Recomputed rollups of station {StationId} for {Day}", stationId, day);
    }

    static string LocalDate(long tsMs, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(tsMs), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    sealed class DailyRow
    {
        public string StationId { get; set; } = "";
        public string LocalDate { get; set; } = "";
        public string TimeZone { get; set; } = "";
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

        public DailyRollup ToRollup() => new(
            StationId, DateOnly.ParseExact(LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeZone, Visits, Litres, ChargingSessions, ChargingWh, OpenMinutes, ScheduledMinutes,
            OpenInScheduleMinutes, OpenedOnTime is { } t ? t != 0 : null, DispenserAvailableMinutes, OutletsAvailableMinutes, ClimateAvailableMinutes, ExpectedDeviceMinutes,
            ComfortMinutes, HotMinutes, ColdMinutes, TelemetryReceived, TelemetryExpected, SafetyTrips);
    }

    sealed class HourlyRow
    {
        public string StationId { get; set; } = "";
        public long Hour { get; set; }
        public long Visits { get; set; }
        public double Litres { get; set; }
        public long ChargingSessions { get; set; }
        public double ChargingWh { get; set; }
        public double OpenMinutes { get; set; }
        public double ScheduledMinutes { get; set; }
        public double ComfortMinutes { get; set; }
        public double HotMinutes { get; set; }
        public double ColdMinutes { get; set; }
        public long TelemetryReceived { get; set; }
        public long TelemetryExpected { get; set; }
        public long SafetyTrips { get; set; }
    }
}
