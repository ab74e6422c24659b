using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class MonitoredStreamMapping : IEntityTypeConfiguration<MonitoredStream>
{
    public void Configure(EntityTypeBuilder<MonitoredStream> builder)
    {
        builder.ToTable(EntityNames.Streams);
        builder.HasKey(s => new { s.TenantId, s.StreamId });
        builder.Property(s => s.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(s => s.StreamId).HasMaxLength(MonitoredStream.MaxStreamIdLength);
        builder.Property(s => s.SourceUrl).HasMaxLength(2048);
        builder.Property(s => s.Channel).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(s => s.UserId).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.TenantId, s.State });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
