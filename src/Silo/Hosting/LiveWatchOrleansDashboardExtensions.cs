using LiveWatch.Silo.Api.Authentication;
using Orleans.Dashboard;

namespace LiveWatch.Silo.Hosting;

/// <summary>Orleans' dashboard (silos, grains, calls, reminders) for operators, behind the Admin role.</summary>
public static class LiveWatchOrleansDashboardExtensions
{
    /// <summary>Collects the dashboard's figures on this silo (see <see cref="OrleansDashboardOptions.Enabled"/>).</summary>
    public static ISiloBuilder AddLiveWatchOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = OrleansDashboardOptions.FromConfiguration(configuration);
        if (options.Enabled)
        {
            silo.AddDashboard(dashboard => dashboard.HideTrace = !options.ShowLogs);
        }

        return silo;
    }

    /// <summary>Serves the dashboard at <see cref="OrleansDashboardOptions.Path"/> to operator (Admin) keys only.</summary>
    public static WebApplication MapLiveWatchOrleansDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = OrleansDashboardOptions.FromConfiguration(app.Configuration);
        if (options.Enabled)
        {
            app.MapOrleansDashboard(options.Path).RequireAuthorization(ApiKeyDefaults.AdminPolicy);
        }

        return app;
    }
}
