using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class BankMapping : IEntityTypeConfiguration<Bank>
{
    public void Configure(EntityTypeBuilder<Bank> builder)
    {
        builder.ToTable(EntityNames.Banks, table => table.HasCheckConstraint(
            "CK_Banks_DistanceThreshold",
            $"\"DistanceThreshold\" >= 0 AND \"DistanceThreshold\" <= {Bank.MaxDistanceThreshold}"));
        builder.HasKey(b => b.Id);
        builder.Property(b => b.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(b => b.Name).HasMaxLength(Bank.MaxNameLength);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.DistanceThreshold).HasDefaultValue(Bank.DefaultDistanceThreshold);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);

        // NULLs are distinct in a unique index on both SQLite and PostgreSQL, so (TenantId, Name) alone would let two
        // global banks share a name: one filtered index per owner kind. Deleted banks free their name.
        builder.HasIndex(b => new { b.TenantId, b.Name })
            .IsUnique()
            .HasFilter("\"TenantId\" IS NOT NULL AND \"DeletedAt\" IS NULL")
            .HasDatabaseName("IX_Banks_TenantId_Name");
        builder.HasIndex(b => b.Name)
            .IsUnique()
            .HasFilter("\"TenantId\" IS NULL AND \"DeletedAt\" IS NULL")
            .HasDatabaseName("IX_Banks_GlobalName");
    }
}
