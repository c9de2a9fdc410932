using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Stations.Gateway.Web.Api;
using Stations.Gateway.Web.Auth;
using Stations.Gateway.Web.Config;
using Stations.Gateway.Web.Demo;
using Stations.Gateway.Web.History;
using Stations.Gateway.Web.Live;
using Stations.Gateway.Web.Localization;
using Stations.Gateway.Web.Regions;
using Stations.Gateway.Web.Reports;
using Stations.Gateway.Web.Scope;

namespace Stations.Gateway.Web;

/// <summary>The web UI and HTTP API: sign-in and roles, status, alarms, commands, administration, ratings, /api/v1.</summary>
public static class WebServiceExtensions
{
    /// <summary>Name of the culture cookie (zh-CN default, en switchable).</summary>
    public const string CultureCookie = ".Stations.Culture";

    /// <summary>The UI languages: zh-CN first (the default), then English.</summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new("zh-CN"), new("en")];

    /// <summary>Adds the web services: Razor Pages, localization, cookie and API-token authentication, scopes, demo seeding.</summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection("Web"));
        services.AddLocalization();
        // Chinese text is written as text, not as &#x…; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AuthorizeFolder("/Admin", WebPolicies.Administer);
        }).ConfigureApplicationPartManager(parts =>
        {
            // When another assembly hosts the gateway (tests), its pages are not found by default: add this assembly's.
            var assembly = typeof(WebServiceExtensions).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            // Pages: ?culture=, then the cookie of the language switch, else zh-CN (a browser's language does not
            // count). The API (/api/…) then reads Accept-Language (the CLI sends its --lang), else answers in English
            // as it always has for callers that name no language (scripts, older clients).
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new ApiLanguageProvider(),
            ];
        });
        services.AddAuthentication(WebPolicies.SmartScheme)
            .AddPolicyScheme(WebPolicies.SmartScheme, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(options =>
            {
                options.Cookie.Name = ".Stations.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/login";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = EndStaleSessionAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(WebPolicies.Administer, policy => policy.RequireRole(WebRoles.Administrator))
            .AddPolicy(WebPolicies.Configure, policy => policy.RequireRole(WebRoles.Administrator, WebRoles.Technician));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".Stations.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddOpenApi();
        services.AddSingleton<UserStore>();
        services.AddSingleton<RegionStore>();
        services.AddSingleton<Rubrics.RubricStore>();
        services.AddSingleton<Status.StatusOverview>();
        services.AddSingleton<StationScope>();
        services.AddSingleton<StationHistory>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Ratings.StationStars>();
        services.AddSingleton<Ratings.StationRatings>();
        global::Stations.Gateway.Ratings.RatingStoreServiceExtensions.AddRatingStore(services, builder.Configuration);
        services.AddSingleton<Stations.StationConfigService>();
        services.AddSingleton<StationRatingInputs>();
        services.AddSingleton<UnionReports>();
        services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection("Web:Reports"))
            .Validate(o => o.Smtp.Problem() == null, "Web:Reports:Smtp is invalid (From must be a mail address, Security one of None/StartTls/SslOnConnect/Auto, Port 1-65535).")
            .ValidateOnStart();
        services.AddSingleton<ReportScheduleStore>();
        services.AddSingleton<ReportDeliveryRunner>();
        services.AddHostedService<ReportDeliveryService>();
        services.AddHostedService<WebBootstrapService>();
        return builder;
    }

    /// <summary>Adds the web middleware (localization, authentication, security headers) and maps pages, live streams and /api/v1.</summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
            await next(context).ConfigureAwait(false);
        });
        app.UseRequestLocalization();
        // Pages answer 403/404 with a readable page (status kept); the API and live streams keep their JSON/empty bodies.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/live", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        // Routing after the status-code pages, so a re-executed /error/{code} request is routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWebAssets();
        app.MapCultureSwitch();
        app.MapRazorPages();
        app.MapLiveStreams();
        app.MapApi();
        app.MapConfigApi();
        app.MapReportApi();
        global::Stations.Gateway.Ratings.RatingApi.MapRatingApi(app);
        app.MapProvisioningApi();
        return app;
    }

    /// <summary>
    /// For /api/… only: the first of zh…/en… in Accept-Language by quality (any zh → zh-CN, any en → en), else English.
    /// </summary>
    sealed class ApiLanguageProvider : RequestCultureProvider
    {
        static readonly ProviderCultureResult Chinese = new("zh-CN");
        static readonly ProviderCultureResult English = new("en");

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return NullProviderCultureResult;
            }

            foreach (var language in httpContext.Request.GetTypedHeaders().AcceptLanguage.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
            {
                var name = language.Value.Value ?? "";
                if (name.Equals("zh", StringComparison.OrdinalIgnoreCase) || name.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult<ProviderCultureResult?>(Chinese);
                }

                if (name.Equals("en", StringComparison.OrdinalIgnoreCase) || name.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult<ProviderCultureResult?>(English);
                }
            }

            return Task.FromResult<ProviderCultureResult?>(English);
        }
    }

    // A disabled user, or one whose role, scope or password changed, loses the session at the next request.
    static async Task EndStaleSessionAsync(CookieValidatePrincipalContext context)
    {
        var scope = context.HttpContext.RequestServices.GetRequiredService<StationScope>();
        if (context.Principal == null || !await scope.IsSessionCurrentAsync(context.Principal, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/live", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        if (status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture", (HttpContext context, string? c, string? returnUrl) =>
        {
            var culture = Cultures.FirstOrDefault(x => string.Equals(x.Name, c, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            context.Response.Cookies.Append(
                CultureCookie,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(!string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).AllowAnonymous();

    static void MapWebAssets(this WebApplication app)
    {
        // CSS and the live-update script are embedded in the assembly, so the UI works from any working directory.
        var assembly = typeof(WebServiceExtensions).Assembly;
        foreach (var (file, type) in new[] { ("site.css", "text/css; charset=utf-8"), ("live.js", "text/javascript; charset=utf-8") })
        {
            var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Web.wwwroot." + file, StringComparison.Ordinal));
            byte[] bytes;
            using (var stream = assembly.GetManifestResourceStream(resource)!)
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            app.MapGet("/web/" + file, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Bytes(bytes, type);
            }).AllowAnonymous();
        }
    }
}
