namespace LiveWatch.Storage.Accounts;

/// <summary>
/// A user's role in one tenant; <see cref="TenantId"/> null makes the role platform-wide (every tenant, and the
/// platform's own settings: global banks, tenants). A user has at most one membership per tenant.
/// </summary>
public sealed class TenantMembership
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The user (<see cref="DashboardUser"/>'s id).</summary>
    public required string UserId { get; set; }

    /// <summary>The tenant; null for a platform-wide role.</summary>
    public string? TenantId { get; set; }

    /// <summary>The role in that tenant.</summary>
    public DashboardRole Role { get; set; }

    /// <summary>When granted (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
