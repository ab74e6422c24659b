namespace LiveWatch.Dashboard.Hosting;

/// <summary>The dashboard's settings (section <c>LiveWatch:Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "LiveWatch:Dashboard";

    /// <summary>Whether a host maps the dashboard at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A login session ends after this long without a request (sliding). Default 30 minutes.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wrong passwords in a row before an account is locked. Default 5.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a revealed evidence frame stays visible before it is blurred again. Default 20 seconds.</summary>
    public TimeSpan RevealDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Where the keys that protect login cookies and antiforgery tokens are kept. A single node defaults to
    /// <c>&lt;data&gt;/dashboard-keys</c>; several dashboards behind one address must share the folder.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>Per-tenant settings, keyed by tenant id.</summary>
    public Dictionary<string, DashboardTenantOptions> Tenants { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a Moderator (not only a Lead or Admin) of <paramref name="tenantId"/> may reveal evidence.</summary>
    public bool ModeratorsMayReveal(string tenantId) =>
        Tenants.TryGetValue(tenantId, out var tenant) && tenant.ModeratorsMayReveal;
}
