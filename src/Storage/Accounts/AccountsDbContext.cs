using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Accounts;

/// <summary>
/// Dashboard accounts: Identity's users (no Identity roles: roles are per tenant, in <see cref="Memberships"/>). On the
/// moderation store's database, with migrations of its own (history table <see cref="MigrationsHistoryTable"/>) so
/// that account changes never contend with the store's model. Abstract for the same reason as
/// <see cref="LiveWatchDbContext"/>: use <see cref="SqliteAccountsDbContext"/> or <see cref="PostgresAccountsDbContext"/>.
/// </summary>
public abstract class AccountsDbContext : IdentityUserContext<DashboardUser>
{
    /// <summary>Where the accounts' applied migrations are recorded.</summary>
    public const string MigrationsHistoryTable = "__AccountsMigrationsHistory";

    /// <summary>Creates the context; only the provider-specific contexts derive from it.</summary>
    private protected AccountsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Users' roles per tenant.</summary>
    public DbSet<TenantMembership> Memberships => Set<TenantMembership>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<DashboardUser>().ToTable("DashboardUsers");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("DashboardUserClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("DashboardUserLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("DashboardUserTokens");
        builder.Entity<TenantMembership>(membership =>
        {
            membership.ToTable("TenantMemberships");
            membership.HasKey(m => m.Id);
            membership.Property(m => m.UserId).HasMaxLength(450).IsRequired();
            membership.Property(m => m.TenantId).HasMaxLength(Entities.Tenant.MaxIdLength);
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            membership.HasIndex(m => new { m.UserId, m.TenantId }).IsUnique();
            membership.HasOne<DashboardUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
