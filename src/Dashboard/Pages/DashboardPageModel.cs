using LiveWatch.Dashboard.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiveWatch.Dashboard.Pages;

/// <summary>What every dashboard page needs: the user's access and the tenants they see.</summary>
public abstract class DashboardPageModel : PageModel
{
    private DashboardAccess? _access;

    /// <summary>The logged-in user's memberships.</summary>
    public DashboardAccess Access => _access ??= DashboardAccess.From(User);

    /// <summary>A message for the user after an action (shown in a live region).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>An error for the user after an action (shown in an alert region).</summary>
    [TempData]
    public string? Problem { get; set; }

    /// <summary>The tenants the user sees (every tenant for a platform-wide role).</summary>
    protected Task<IReadOnlyList<string>> VisibleTenantsAsync(CancellationToken cancellationToken) =>
        Access.TenantsAsync(HttpContext.RequestServices.GetRequiredService<TenantStore>(), cancellationToken);

    /// <summary>403 through the login cookie's scheme (a short page), whatever the host's default scheme is.</summary>
    protected IActionResult Denied() => Forbid(IdentityConstants.ApplicationScheme);
}
