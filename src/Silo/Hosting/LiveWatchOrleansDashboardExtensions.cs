using System.Security.Claims;
using LiveWatch.Dashboard.Accounts;
using ModeratorDashboardOptions = LiveWatch.Dashboard.Hosting.DashboardOptions;
using LiveWatch.Silo.Api.Authentication;
using Microsoft.AspNetCore.Identity;
using Orleans.Dashboard;

namespace LiveWatch.Silo.Hosting;

/// <summary>Orleans' dashboard (silos, grains, calls, reminders) for operators, behind the Admin role.</summary>
public static class LiveWatchOrleansDashboardExtensions
{
    private const string OperatorPolicy = "orleans-dashboard-operator";
    private const string OperatorScheme = "orleans-dashboard-operator";

    /// <summary>Collects the dashboard's figures on this silo (see <see cref="OrleansDashboardOptions.Enabled"/>).</summary>
    public static ISiloBuilder AddLiveWatchOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = OrleansDashboardOptions.FromConfiguration(configuration);
        if (options.Enabled)
        {
            silo.AddDashboard(dashboard => dashboard.HideTrace = !options.ShowLogs);
            // One scheme per request, so only one of them answers a challenge: a caller with a key is an API client
            // (401 with WWW-Authenticate), anyone else a browser (sent to the dashboard's login page, when it runs).
            var loginCookie = configuration.GetSection(ModeratorDashboardOptions.SectionName).Get<ModeratorDashboardOptions>()?.Enabled ?? true;
            silo.Services.AddAuthentication().AddPolicyScheme(OperatorScheme, "API key or dashboard login", scheme =>
                scheme.ForwardDefaultSelector = context =>
                    !loginCookie || context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey("X-Api-Key")
                        ? ApiKeyDefaults.Scheme
                        : IdentityConstants.ApplicationScheme);
            silo.Services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy => policy
                .AddAuthenticationSchemes(OperatorScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => IsOperator(context.User)));
        }

        return silo;
    }

    /// <summary>
    /// Serves the dashboard at <see cref="OrleansDashboardOptions.Path"/> to operators only: an operator (Admin) API key,
    /// or a dashboard user who is Admin platform-wide (it shows every tenant's grains, so a tenant's Admin is not enough).
    /// </summary>
    public static WebApplication MapLiveWatchOrleansDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = OrleansDashboardOptions.FromConfiguration(app.Configuration);
        if (options.Enabled)
        {
            app.MapOrleansDashboard(options.Path).RequireAuthorization(OperatorPolicy);
        }

        return app;
    }

    private static bool IsOperator(ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyDefaults.Scheme
                                 && i.HasClaim(ClaimTypes.Role, nameof(Storage.Entities.ApiKeyRole.Admin)))
        || DashboardAccess.From(user).IsPlatformAdmin;
}
