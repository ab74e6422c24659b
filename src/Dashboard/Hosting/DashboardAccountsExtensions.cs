using LiveWatch.Dashboard.Accounts;
using LiveWatch.Storage.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>Dashboard accounts without the web part: what the dashboard, the <c>users</c> command and the demo share.</summary>
public static class DashboardAccountsExtensions
{
    /// <summary>
    /// Identity's user manager on <see cref="AccountsDbContext"/> (the moderation store must be registered), the
    /// lockout and password rules from <see cref="DashboardOptions"/>, and <see cref="DashboardUsers"/>.
    /// </summary>
    public static IServiceCollection AddLiveWatchAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddIdentityCore<DashboardUser>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<DashboardOptions>>((identity, dashboard) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = dashboard.Value.MaxFailedLogins;
            identity.Lockout.DefaultLockoutTimeSpan = dashboard.Value.LockoutDuration;
            identity.User.RequireUniqueEmail = true;
            identity.Password.RequiredLength = 12;
        });
        services.TryAddScoped<DashboardUsers>();
        return services;
    }
}
