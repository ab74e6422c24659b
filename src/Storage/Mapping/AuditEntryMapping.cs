using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // No foreign keys: the audit log must outlive whatever it talks about.
        builder.ToTable(EntityNames.AuditEntries);
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedOnAdd();
        builder.Property(a => a.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(a => a.Actor).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(a => a.Action).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(a => a.SubjectType).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(a => a.SubjectId).HasMaxLength(EntityNames.ShortTextLength);
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasIndex(a => new { a.TenantId, a.Actor });
    }
}
