using System.Security.Claims;
using LiveWatch.Storage.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Accounts;

/// <summary>Puts the user's tenant memberships into the login session as <see cref="DashboardClaims.Membership"/> claims.</summary>
public sealed class DashboardClaimsFactory : UserClaimsPrincipalFactory<DashboardUser>
{
    private readonly AccountsDbContext _accounts;

    public DashboardClaimsFactory(UserManager<DashboardUser> users, IOptions<IdentityOptions> options, AccountsDbContext accounts)
        : base(users, options)
    {
        _accounts = accounts;
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        var memberships = await _accounts.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).ToListAsync().ConfigureAwait(false);
        foreach (var membership in memberships)
        {
            identity.AddClaim(new Claim(DashboardClaims.Membership, $"{membership.TenantId ?? DashboardClaims.AllTenants}|{membership.Role}"));
        }

        return identity;
    }
}
