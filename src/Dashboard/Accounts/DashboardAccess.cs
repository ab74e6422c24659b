using System.Security.Claims;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Dashboard.Accounts;

/// <summary>What the logged-in user may see and do, read from the memberships in the session.</summary>
public sealed class DashboardAccess
{
    private readonly Dictionary<string, DashboardRole> _tenants;

    private DashboardAccess(string userId, string name, DashboardRole? platformRole, Dictionary<string, DashboardRole> tenants)
    {
        UserId = userId;
        Name = name;
        PlatformRole = platformRole;
        _tenants = tenants;
    }

    /// <summary>The user's id (audit actor <c>user:&lt;email&gt;</c> uses <see cref="Name"/>).</summary>
    public string UserId { get; }

    /// <summary>The user's login name (email).</summary>
    public string Name { get; }

    /// <summary>The platform-wide role, if any (it applies to every tenant).</summary>
    public DashboardRole? PlatformRole { get; }

    /// <summary>Whether the user is a platform-wide Admin (global banks, every tenant).</summary>
    public bool IsPlatformAdmin => PlatformRole == DashboardRole.Admin;

    /// <summary>Who acted, for the audit log.</summary>
    public string Actor => $"user:{Name}";

    /// <summary>Reads the session's memberships.</summary>
    public static DashboardAccess From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        DashboardRole? platform = null;
        var tenants = new Dictionary<string, DashboardRole>(StringComparer.Ordinal);
        foreach (var claim in user.FindAll(DashboardClaims.Membership))
        {
            var separator = claim.Value.LastIndexOf('|');
            if (separator <= 0 || !Enum.TryParse<DashboardRole>(claim.Value[(separator + 1)..], out var role))
            {
                continue;
            }

            var tenant = claim.Value[..separator];
            if (tenant == DashboardClaims.AllTenants)
            {
                platform = platform is { } p && p > role ? p : role;
            }
            else
            {
                tenants[tenant] = tenants.TryGetValue(tenant, out var r) && r > role ? r : role;
            }
        }

        return new DashboardAccess(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            user.Identity?.Name ?? string.Empty,
            platform,
            tenants);
    }

    /// <summary>The user's role in <paramref name="tenantId"/> (a platform-wide role counts); null if none.</summary>
    public DashboardRole? RoleIn(string tenantId)
    {
        _tenants.TryGetValue(tenantId, out var role);
        DashboardRole? tenantRole = _tenants.ContainsKey(tenantId) ? role : null;
        if (PlatformRole is { } platform && (tenantRole is null || platform > tenantRole))
        {
            return platform;
        }

        return tenantRole;
    }

    /// <summary>Whether the user has at least <paramref name="role"/> in <paramref name="tenantId"/>.</summary>
    public bool Has(string tenantId, DashboardRole role) => RoleIn(tenantId) is { } r && r >= role;

    /// <summary>
    /// The tenants the user sees: those of their memberships, or, for a platform-wide role, every tenant in
    /// <paramref name="allTenants"/>.
    /// </summary>
    public IReadOnlyList<string> Tenants(IEnumerable<string> allTenants)
    {
        ArgumentNullException.ThrowIfNull(allTenants);
        return PlatformRole is null
            ? _tenants.Keys.Order(StringComparer.Ordinal).ToList()
            : allTenants.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <see cref="Tenants"/> with the tenant list read from <paramref name="tenants"/>, only when a platform-wide role
    /// needs it.
    /// </summary>
    public async Task<IReadOnlyList<string>> TenantsAsync(TenantStore tenants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        return PlatformRole is null
            ? Tenants([])
            : Tenants((await tenants.ListAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Id));
    }

    /// <summary><see cref="TenantsAsync"/> narrowed to those where the user has at least <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<string>> TenantsWithAsync(DashboardRole role, TenantStore tenants, CancellationToken cancellationToken) =>
        (await TenantsAsync(tenants, cancellationToken).ConfigureAwait(false)).Where(t => Has(t, role)).ToList();

    /// <summary>The tenants in which the user has at least <paramref name="role"/>.</summary>
    public IReadOnlyList<string> TenantsWith(DashboardRole role, IEnumerable<string> allTenants) =>
        Tenants(allTenants).Where(t => Has(t, role)).ToList();

    /// <summary>Whether the user has <paramref name="role"/> or higher anywhere.</summary>
    public bool HasAnywhere(DashboardRole role) =>
        PlatformRole >= role || _tenants.Values.Any(r => r >= role);
}
