using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class TenantMapping : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable(EntityNames.Tenants);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(t => t.Name).HasMaxLength(EntityNames.ShortTextLength);
    }
}
