using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Dashboard.Accounts;

/// <summary>Creates dashboard users and grants them roles (the <c>users add</c> command, the demo, tests).</summary>
public sealed class DashboardUsers
{
    private readonly UserManager<DashboardUser> _users;
    private readonly AccountsDbContext _accounts;
    private readonly TenantStore _tenants;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public DashboardUsers(UserManager<DashboardUser> users, AccountsDbContext accounts, TenantStore tenants, AuditLog audit, TimeProvider time)
    {
        _users = users;
        _accounts = accounts;
        _tenants = tenants;
        _audit = audit;
        _time = time;
    }

    /// <summary>
    /// Creates the user with <paramref name="password"/> if there is none with that email, and grants
    /// <paramref name="role"/> in <paramref name="tenantId"/> (null: platform-wide). Returns whether the user was new.
    /// </summary>
    /// <exception cref="ArgumentException">Bad email, weak password, unknown tenant, or a Moderator/Lead without a tenant.</exception>
    public async Task<bool> AddAsync(string email, string password, DashboardRole role, string? tenantId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (tenantId is null && role != DashboardRole.Admin)
        {
            throw new ArgumentException($"A {role} works for a tenant: give --tenant (only an Admin may be platform-wide).");
        }

        if (tenantId is not null && await _tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"Tenant '{tenantId}' does not exist; an operator creates it first (POST /api/v1/admin/tenants).");
        }

        var user = await _users.FindByEmailAsync(email).ConfigureAwait(false);
        var created = user is null;
        if (user is null)
        {
            user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = _time.GetUtcNow(), LockoutEnabled = true };
            var result = await _users.CreateAsync(user, password).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new ArgumentException($"The user could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        var membership = await _accounts.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
        if (membership is null)
        {
            _accounts.Memberships.Add(new TenantMembership { UserId = user.Id, TenantId = tenantId, Role = role, CreatedAt = _time.GetUtcNow() });
        }
        else
        {
            membership.Role = role;
        }

        await _accounts.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(tenantId, actor, created ? "user.created" : "user.role-granted", "user", email, new { role = role.ToString() }, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>A random password that meets the default rules, for first logins printed once (the demo, <c>users add</c>).</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return $"Lw-{new string(chars)}-9a";
    }
}
