namespace Stations.Gateway.Ratings;

/// <summary>Registers stored ratings, station profiles and the monthly rating job.</summary>
public static class RatingStoreServiceExtensions
{
    /// <summary>Adds the stores, the runner and the monthly job (options from <c>Gateway:Ratings</c>).</summary>
    public static IServiceCollection AddRatingStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection("Gateway:Ratings"))
            .Validate(o => o.RunFromLocalHour is >= 0 and <= 23 && o.CheckIntervalMinutes is >= 1 and <= 1440,
                "Gateway:Ratings is invalid: RunFromLocalHour must be 0-23 and CheckIntervalMinutes 1-1440.")
            .ValidateOnStart();
        services.AddSingleton<StationProfileStore>();
        services.AddSingleton<StoredRatingStore>();
        services.AddSingleton<MonthlyRatingRunner>();
        services.AddSingleton<MonthlyRatingService>();
        services.AddHostedService(sp => sp.GetRequiredService<MonthlyRatingService>());
        return services;
    }
}
