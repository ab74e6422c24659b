using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class FeedEventMapping : IEntityTypeConfiguration<FeedEvent>
{
    public void Configure(EntityTypeBuilder<FeedEvent> builder)
    {
        builder.ToTable(EntityNames.FeedEvents);
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.StreamId).HasMaxLength(MonitoredStream.MaxStreamIdLength);
        builder.HasIndex(e => new { e.TenantId, e.Sequence });
    }
}
