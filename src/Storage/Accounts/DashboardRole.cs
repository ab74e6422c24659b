namespace LiveWatch.Storage.Accounts;

/// <summary>
/// What a dashboard user may do in a tenant, each role including the ones before it. The store keeps the name, so
/// names must never change.
/// </summary>
public enum DashboardRole
{
    /// <summary>Works the queue: reads incidents, decides them, sees blurred evidence.</summary>
    Moderator = 0,

    /// <summary>A moderator who may also reveal evidence and read the audit log.</summary>
    Lead = 1,

    /// <summary>Manages the tenant's API keys and banks (platform-wide when the membership has no tenant).</summary>
    Admin = 2,
}
