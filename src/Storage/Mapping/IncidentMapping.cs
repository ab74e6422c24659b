using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class IncidentMapping : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable(EntityNames.Incidents);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(i => i.StreamId).HasMaxLength(MonitoredStream.MaxStreamIdLength);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);

        // Stored as its number: levels are ordered and "at least Alert" must be a plain comparison.
        builder.Property(i => i.Level).HasConversion<int>();
        builder.Property(i => i.AssignedTo).HasMaxLength(Incident.MaxAssigneeLength);
        builder.Property(i => i.DecidedBy).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(i => i.DecidedByName).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(i => i.StreamAction).HasMaxLength(16);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<MonitoredStream>().WithMany()
            .HasForeignKey(i => new { i.TenantId, i.StreamId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.TenantId, i.StreamId });
        builder.HasIndex(i => new { i.TenantId, i.State });
        builder.HasIndex(i => new { i.TenantId, i.OpenedAt });
    }
}
