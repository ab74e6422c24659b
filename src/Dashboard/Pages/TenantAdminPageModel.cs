using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// A page about one tenant at a time, for its Admins (a platform-wide Admin's choice is every tenant): the tenant
/// picker (<c>Shared/_TenantPicker</c>) and the check that the chosen tenant is one of the user's.
/// </summary>
public abstract class TenantAdminPageModel : DashboardPageModel
{
    /// <summary>The chosen tenant (query or route); the first of <see cref="Tenants"/> when none is given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    /// <summary>The tenants the user administers.</summary>
    public IReadOnlyList<string> Tenants { get; private set; } = [];

    /// <summary>
    /// Fills <see cref="Tenants"/> and defaults <see cref="Tenant"/>; false when the chosen tenant is not one the user
    /// administers (answer 404: another tenant's name tells nothing). <see cref="Tenant"/> stays null for a user who
    /// administers none.
    /// </summary>
    protected async Task<bool> ChooseTenantAsync(CancellationToken cancellationToken)
    {
        Tenants = await Access.TenantsWithAsync(DashboardRole.Admin, HttpContext.RequestServices.GetRequiredService<TenantStore>(), cancellationToken)
            .ConfigureAwait(false);
        Tenant ??= Tenants.Count > 0 ? Tenants[0] : null;
        return Tenant is null || Tenants.Contains(Tenant);
    }
}
