using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Stations.Gateway.Alarms;
using Stations.Gateway.Broker;
using Stations.Gateway.Commands;
using Stations.Gateway.DeviceState;
using Stations.Gateway.Ingestion;
using Stations.Gateway.Operations;
using Stations.Gateway.Rollups;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;

namespace Stations.Gateway;

/// <summary>Feature registration: each feature adds its services (`AddX`) and its endpoints (`MapX`).</summary>
public static class GatewayServiceExtensions
{
    /// <summary>Adds every gateway feature (storage, broker, ingestion, state, alarms, rollups, commands, operations).</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTimeProvider();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.AddBroker(builder.Configuration);
        builder.Services.AddDeviceState(builder.Configuration);
        builder.Services.AddRollups(builder.Configuration);
        builder.Services.AddSingleton<AlarmService>();
        builder.Services.AddSingleton<CommandService>();
        builder.Services.AddOperations();
        return builder;
    }

    /// <summary>Maps the gateway's endpoints (health and metrics; the web UI maps its own).</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Storage (SQLite or PostgreSQL), migrations, station registry.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Gateway:Storage")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, GatewayOptionsValidator>();
        services.AddSingleton<StationDatabase>();
        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddSingleton<StationRegistry>();
        services.AddJobLeases(configuration);
        services.AddHostedService<RetentionWorker>();
        return services;
    }

    /// <summary>Validation, the bounded queue and the batch writer.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection("Gateway:Ingestion")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, GatewayOptionsValidator>();
        services.AddSingleton<IngestionChannel>();
        services.AddSingleton<IngestionStore>();
        services.AddSingleton<BatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchWriter>());
        return services;
    }

    /// <summary>The embedded broker or the external-broker client, as `Gateway:Broker:Mode` says.</summary>
    public static IServiceCollection AddBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerOptions>().Bind(configuration.GetSection("Gateway:Broker")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, GatewayOptionsValidator>();
        var mode = configuration.GetSection("Gateway:Broker").Get<BrokerOptions>()?.Mode ?? BrokerMode.Embedded;
        if (mode == BrokerMode.External)
        {
            services.AddSingleton<ExternalBrokerClient>();
            services.AddSingleton<IStationLink>(sp => sp.GetRequiredService<ExternalBrokerClient>());
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerClient>());
        }
        else
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IStationLink>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        return services;
    }

    /// <summary>Device state, presence (offline timeout), station status queries.</summary>
    public static IServiceCollection AddDeviceState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>().Bind(configuration.GetSection("Gateway:State")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StateOptions>, GatewayOptionsValidator>();
        services.AddSingleton(sp => new StateProjector(sp.GetRequiredService<IOptions<StateOptions>>().Value));
        services.AddSingleton<StationStatusService>();
        services.AddSingleton<PresenceMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceMonitor>());
        return services;
    }

    /// <summary>Hourly and daily rollups, recomputed from raw when days are marked dirty.</summary>
    public static IServiceCollection AddRollups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RollupOptions>().Bind(configuration.GetSection("Gateway:Rollups")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RollupOptions>, GatewayOptionsValidator>();
        services.AddSingleton<RollupService>();
        services.AddHostedService<RollupWorker>();
        return services;
    }

    /// <summary>Metrics (OpenTelemetry → Prometheus) and health checks.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(GatewayMetrics.MeterName).AddPrometheusExporter());
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<BrokerHealthCheck>("broker", tags: ["ready"]);
        return services;
    }

    /// <summary>`/health/live` (the process answers) and `/health/ready` (store and broker usable).</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>Runs the app; a configuration error prints the setting and the fix and returns exit code 2.</summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Configuration error:").ConfigureAwait(false);
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failure).ConfigureAwait(false);
            }

            return 2;
        }
    }
}
