using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stations.Gateway.Storage;
using Stations.Ratings.Engine;
using Stations.Ratings.Inputs;
using Stations.Ratings.Rubrics;

namespace Stations.Bench.Ratings;

/// <summary>
/// P4: rating every station in China (186,100) for a month from the gateway's SQLite <c>rollups_daily</c> (30 days each,
/// 5.6 M rows), against the bare SQL scan of the same rows in the same run (Ratio column). Rows are streamed in station
/// order and each station is rated as soon as its days are read, so memory stays flat.
/// Run: <c>dotnet run -c Release --project bench/Stations.Bench -- --filter '*NationalRating*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Monitoring))]
public class NationalRatingBenchmark : IDisposable
{
    /// <summary>Stations rated (the national count, docs/domain.md).</summary>
    public const int Stations = 186_100;

    private const string Columns = "station_id, local_date, visits, litres, charging_sessions, charging_wh, open_minutes, scheduled_minutes, open_in_schedule_minutes, opened_on_time, "
        + "dispenser_available_minutes, outlets_available_minutes, climate_available_minutes, expected_device_minutes, comfort_minutes, hot_minutes, cold_minutes, telemetry_received, telemetry_expected, safety_trips";

    private readonly RatingEngine engine = new(Rubric.Default);
    private StationDatabase database = null!;

    /// <summary>A few whole runs in this process: one operation takes seconds to a minute, so no pilot or unrolling, and a long timeout.</summary>
    public sealed class Monitoring : ManualConfig
    {
        public Monitoring() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
    }

    /// <summary>Builds (or reuses) the database: /tmp/stations-bench-ratings/stations.db with the gateway's schema.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stations-bench-ratings");
        database = new StationDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite, DataFolder = folder }));
        new SchemaMigrator(database, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync().GetAwaiter().GetResult();
        using var connection = (SqliteConnection)database.OpenAsync().GetAwaiter().GetResult();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM rollups_daily";
        if ((long)count.ExecuteScalar()! != (long)Stations * BenchStations.Month.Days)
        {
            Fill(connection);
        }

        // Move the rows from the write-ahead log into the database file, as a long-running gateway would have.
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    /// <summary>Closes the database (the file stays for the next run).</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        database?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The baseline: read every column of every row of the month, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public double SqlScan()
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        using var reader = Query(connection);
        double sum = 0;
        while (reader.Read())
        {
            for (var c = 2; c < reader.FieldCount; c++)
            {
                sum += reader.IsDBNull(c) ? 0 : reader.GetDouble(c);
            }
        }

        return sum;
    }

    /// <summary>Read the same rows, map them to the engine's days and rate every station (items, caps, gates, advice).</summary>
    [Benchmark]
    public int RateAllStations()
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        using var reader = Query(connection);
        var days = new List<DailyRollup>(31);
        string? current = null;
        var rated = 0;
        while (reader.Read())
        {
            var station = reader.GetString(0);
            if (current != null && station != current)
            {
                rated += Rate(current, days);
                days = new List<DailyRollup>(31);
            }

            current = station;
            days.Add(Map(reader));
        }

        if (current != null)
        {
            rated += Rate(current, days);
        }

        return rated == Stations ? rated : throw new InvalidOperationException($"Rated {rated} stations, expected {Stations}.");
    }

    private int Rate(string stationId, List<DailyRollup> days)
    {
        var i = int.Parse(stationId.AsSpan("bench-".Length), CultureInfo.InvariantCulture);
        var result = engine.Rate(new StationPeriodData
        {
            Profile = BenchStations.Profile(i),
            Period = BenchStations.Month,
            Days = days,
            AsOf = new DateTimeOffset(BenchStations.Month.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
        });
        return result.Items.Count > 0 ? 1 : 0;
    }

    private static DbDataReader Query(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM rollups_daily WHERE local_date >= '2026-03-01' AND local_date <= '2026-03-31' ORDER BY station_id, local_date";
        return command.ExecuteReader();
    }

    // Same mapping as the gateway's StationRatingInputs (one expected-device figure for every device class).
    private static DailyRollup Map(DbDataReader r) => new()
    {
        StationId = r.GetString(0),
        Date = DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Visits = (int)r.GetInt64(2),
        Litres = r.GetDouble(3),
        ChargingSessions = (int)r.GetInt64(4),
        EnergyWh = r.GetDouble(5),
        OccupiedMinutes = (int)r.GetDouble(6),
        ScheduledMinutes = (int)r.GetDouble(7),
        OpenMinutesWithinSchedule = (int)r.GetDouble(8),
        OpenedOnTime = !r.IsDBNull(9) && r.GetInt64(9) == 1,
        DispenserAvailableMinutes = (int)r.GetDouble(10),
        OutletAvailableMinutes = (int)r.GetDouble(11),
        ClimateAvailableMinutes = (int)r.GetDouble(12),
        DispenserExpectedMinutes = (int)r.GetDouble(13),
        OutletExpectedMinutes = (int)r.GetDouble(13),
        ClimateExpectedMinutes = (int)r.GetDouble(13),
        ComfortMinutes = (int)r.GetDouble(14),
        MinutesAbove32 = (int)r.GetDouble(15),
        MinutesBelow10 = (int)r.GetDouble(16),
        TelemetryReceived = (int)r.GetInt64(17),
        TelemetryExpected = (int)r.GetInt64(18),
        SafetyTrips = (int)r.GetInt64(19),
    };

    private static void Fill(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM rollups_daily";
            clear.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO rollups_daily ({Columns}, time_zone, computed_at_ms) VALUES ($s, $d, $v, $l, $cs, $wh, $om, $sm, $oism, $ot, $da, $oa, $ca, $ed, $cm, $hm, $cold, $tr, $te, $st, 'Asia/Shanghai', 0)";
        var names = new[] { "$s", "$d", "$v", "$l", "$cs", "$wh", "$om", "$sm", "$oism", "$ot", "$da", "$oa", "$ca", "$ed", "$cm", "$hm", "$cold", "$tr", "$te", "$st" };
        var p = names.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        insert.Prepare();
        for (var i = 0; i < Stations; i++)
        {
            for (var d = 0; d < BenchStations.Month.Days; d++)
            {
                var day = BenchStations.Day(i, BenchStations.Month.From.AddDays(d));
                object[] values =
                [
                    day.StationId, day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Visits, day.Litres, day.ChargingSessions, day.EnergyWh,
                    day.OccupiedMinutes, day.ScheduledMinutes, day.OpenMinutesWithinSchedule, day.OpenedOnTime ? 1 : 0, day.DispenserAvailableMinutes,
                    day.OutletAvailableMinutes / 4, day.ClimateAvailableMinutes, day.DispenserExpectedMinutes, day.ComfortMinutes, day.MinutesAbove32,
                    day.MinutesBelow10, day.TelemetryReceived, day.TelemetryExpected, day.SafetyTrips,
                ];
                for (var c = 0; c < values.Length; c++)
                {
                    p[c].Value = values[c];
                    p[c].SqliteType = values[c] is string ? SqliteType.Text : values[c] is double ? SqliteType.Real : SqliteType.Integer;
                }

                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
