namespace LiveWatch.Dashboard.Accounts;

/// <summary>Claim types the dashboard puts in a login session.</summary>
public static class DashboardClaims
{
    /// <summary>One per membership: <c>&lt;tenant&gt;|&lt;Role&gt;</c>, or <c>*|&lt;Role&gt;</c> for a platform-wide role.</summary>
    public const string Membership = "livewatch:membership";

    /// <summary>The tenant part of a platform-wide membership.</summary>
    public const string AllTenants = "*";
}
