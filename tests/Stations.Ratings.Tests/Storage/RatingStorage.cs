using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stations.Gateway.Ratings;
using Stations.Gateway.Rollups;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Ratings;
using Stations.Gateway.Web.Reports;
using Stations.Gateway.Web.Rubrics;
using Stations.Testing;

namespace Stations.Ratings.Tests.Storage;

/// <summary>The gateway's rating storage on a fresh SQLite folder or PostgreSQL database, migrated, with a manual clock.</summary>
internal sealed class RatingStorage : IAsyncDisposable
{
    private readonly string? folder;
    private readonly ServiceProvider provider;

    private RatingStorage(StationDatabase database, ManualTimeProvider clock, string? folder)
    {
        Database = database;
        Clock = clock;
        this.folder = folder;
        // The gateway's own constructors through DI, so the test follows their dependencies.
        var services = new ServiceCollection();
        services.AddSingleton(database);
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddLocalization();
        services.AddOptions<RollupOptions>();
        services.AddOptions<RatingOptions>();
        services.AddSingleton<StationRegistry>();
        services.AddSingleton<RegionStore>();
        services.AddSingleton<RollupService>();
        services.AddSingleton<StationProfileStore>();
        services.AddSingleton<StoredRatingStore>();
        services.AddSingleton<StationRatingInputs>();
        services.AddSingleton<RubricStore>();
        services.AddSingleton<StationRatings>();
        services.AddSingleton<StationStars>();
        services.AddSingleton<MonthlyRatingRunner>();
        services.AddSingleton<MonthlyRatingService>();
        provider = services.BuildServiceProvider();
        Registry = provider.GetRequiredService<StationRegistry>();
        Profiles = provider.GetRequiredService<StationProfileStore>();
        Ratings = provider.GetRequiredService<StoredRatingStore>();
        Inputs = provider.GetRequiredService<StationRatingInputs>();
        Runner = provider.GetRequiredService<MonthlyRatingRunner>();
        Job = provider.GetRequiredService<MonthlyRatingService>();
        Regions = provider.GetRequiredService<RegionStore>();
        Rubrics = provider.GetRequiredService<RubricStore>();
        Current = provider.GetRequiredService<StationRatings>();
        Stars = provider.GetRequiredService<StationStars>();
    }

    public StationStars Stars { get; }

    public RegionStore Regions { get; }

    public RubricStore Rubrics { get; }

    public StationRatings Current { get; }

    public StationDatabase Database { get; }

    public ManualTimeProvider Clock { get; }

    public StationRegistry Registry { get; }

    public StationProfileStore Profiles { get; }

    public StoredRatingStore Ratings { get; }

    public StationRatingInputs Inputs { get; }

    public MonthlyRatingRunner Runner { get; }

    public MonthlyRatingService Job { get; }

    /// <summary>A migrated store of <paramref name="provider"/> with the clock at <paramref name="now"/>.</summary>
    public static async Task<RatingStorage> StartAsync(string provider, DateTimeOffset now)
    {
        var clock = new ManualTimeProvider(now);
        StorageOptions options;
        string? folder = null;
        if (provider == "Postgres")
        {
            var server = await PostgresServer.SharedAsync();
            options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = await server.CreateDatabaseAsync("ratings") };
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "stations-ratings-" + Guid.NewGuid().ToString("N")[..8]);
            options = new StorageOptions { Provider = StorageProvider.Sqlite, DataFolder = folder };
        }

        var database = new StationDatabase(Options.Create(options));
        await new SchemaMigrator(database, clock, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return new RatingStorage(database, clock, folder);
    }

    /// <summary>Writes one rollup per day of the month: open all day, 20 visits, full devices; <paramref name="telemetryShare"/> of the messages received.</summary>
    public async Task WriteMonthAsync(string stationId, int year, int month, double telemetryShare = 1.0, int visits = 20)
    {
        await using var connection = await Database.OpenAsync();
        var first = new DateOnly(year, month, 1);
        for (var day = first; day.Month == month; day = day.AddDays(1))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO rollups_daily (station_id, local_date, time_zone, visits, litres, charging_sessions, charging_wh, open_minutes,
                    scheduled_minutes, open_in_schedule_minutes, opened_on_time, dispenser_available_minutes, outlets_available_minutes,
                    climate_available_minutes, expected_device_minutes, comfort_minutes, hot_minutes, cold_minutes, telemetry_received,
                    telemetry_expected, safety_trips, computed_at_ms)
                VALUES (@stationId, @day, 'Asia/Shanghai', @visits, 15.5, 5, 800, 1440, 1440, 1440, 1, 1440, 1440, 1440, 1440, 1400, 0, 0, @received, 1440, 0, 0)
                """,
                new { stationId, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), visits, received = (long)Math.Round(1440 * telemetryShare) });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        if (folder != null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
