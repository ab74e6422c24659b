namespace LiveWatch.Dashboard.Accounts;

/// <summary>Authorization policies of the dashboard; all of them authenticate with the login cookie only.</summary>
public static class DashboardPolicies
{
    /// <summary>Any logged-in user with at least one membership.</summary>
    public const string Member = "dashboard-member";

    /// <summary>Lead or Admin in at least one tenant (audit log).</summary>
    public const string Lead = "dashboard-lead";

    /// <summary>Admin in at least one tenant, or platform-wide (API keys, banks).</summary>
    public const string Admin = "dashboard-admin";
}
