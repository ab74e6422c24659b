using LiveWatch.Dashboard.Accounts;
using LiveWatch.Dashboard.Evidence;
using LiveWatch.Dashboard.Incidents;
using LiveWatch.Dashboard.Queue;
using LiveWatch.Dashboard.Streams;
using LiveWatch.Dashboard.Webhooks;
using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Feed;
using LiveWatch.Storage.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>Wiring of the dashboard into a web host: the silo's (same port as the API) or its own process.</summary>
public static class DashboardServiceExtensions
{
    /// <summary>The login cookie's name.</summary>
    public const string CookieName = "livewatch.session";

    /// <summary>
    /// Accounts (Identity on the moderation store, cookie sessions with a sliding timeout, lockout), Razor Pages,
    /// the SignalR hub and the dashboard's services. The host must have registered the moderation store
    /// (<c>AddLiveWatchStorage</c>) and an Orleans silo or client.
    /// </summary>
    public static WebApplicationBuilder AddLiveWatchDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddLiveWatchAccounts(configuration);
        var options = configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        services.AddAuthentication()
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/dashboard/login";
                cookie.LogoutPath = "/dashboard/logout";
                cookie.SlidingExpiration = true;
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                    OnRedirectToAccessDenied = DeniedPage.WriteAsync,
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) => cookie.ExpireTimeSpan = dashboard.Value.SessionTimeout);

        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Member, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireClaim(DashboardClaims.Membership))
            .AddPolicy(DashboardPolicies.Lead, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireAssertion(c => DashboardAccess.From(c.User).HasAnywhere(DashboardRole.Lead)))
            .AddPolicy(DashboardPolicies.Admin, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().RequireAssertion(c => DashboardAccess.From(c.User).HasAnywhere(DashboardRole.Admin)));

        var keys = options.KeysDirectory
            ?? Path.Combine(configuration["Storage:DataDirectory"] ?? configuration["LiveWatch:DataDirectory"] ?? "./data", "dashboard-keys");
        services.AddDataProtection().SetApplicationName("LiveWatch").PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys)));

        services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/", DashboardPolicies.Member);
                pages.Conventions.AllowAnonymousToPage("/Login");
            })
            .AddApplicationPart(typeof(DashboardServiceExtensions).Assembly);
        services.AddSignalR();

        // The feed subscriber and evidence protector as the silo registers them (a silo has them already).
        services.AddOptions<Grains.Feed.FeedOptions>().Bind(configuration.GetSection(Grains.Feed.FeedOptions.SectionName));
        services.TryAddSingleton<TenantFeedSubscriber>();
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.SectionName));
        services.TryAddSingleton(sp => new EvidenceProtector(sp.GetRequiredService<IOptions<EvidenceOptions>>()));

        services.AddScoped<QueueReader>();
        services.AddScoped<IncidentReader>();
        services.AddScoped<IIncidentActions, GrainIncidentActions>();
        services.AddScoped<DeadLetterCount>();
        services.AddSingleton<RevealGrants>();
        services.AddSingleton<StreamRates>();
        return builder;
    }

    /// <summary>
    /// Maps the pages under <c>/dashboard</c>, the hub at <c>/dashboard/hub</c>, the assets at
    /// <c>/dashboard/assets</c>, and <c>/</c> to the queue. Call after the host's authentication middleware.
    /// </summary>
    public static WebApplication MapLiveWatchDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        app.MapGet("/dashboard/assets/{name}", DashboardAssets.Serve).ExcludeFromDescription();
        app.MapRazorPages();
        app.MapHub<QueueHub>("/dashboard/hub");
        return app;
    }
}
