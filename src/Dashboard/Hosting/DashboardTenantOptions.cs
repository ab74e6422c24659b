namespace LiveWatch.Dashboard.Hosting;

/// <summary>One tenant's dashboard settings (<c>LiveWatch:Dashboard:Tenants:&lt;tenant&gt;</c>).</summary>
public sealed class DashboardTenantOptions
{
    /// <summary>Moderators may reveal evidence themselves (otherwise only Leads and Admins may). Default false.</summary>
    public bool ModeratorsMayReveal { get; set; }
}
