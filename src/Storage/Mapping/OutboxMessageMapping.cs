using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable(EntityNames.OutboxMessages);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(m => m.EventType).HasMaxLength(100);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.EventId).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(m => m.OrderingKey).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(m => m.LeaseOwner).HasMaxLength(EntityNames.ShortTextLength);

        // Deleting an endpoint deletes what was still to be sent to it (and its delivery log).
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // Ordering: "is there an earlier pending message of this stream for this endpoint?"
        builder.HasIndex(m => new { m.EndpointId, m.OrderingKey, m.Sequence });
        builder.HasIndex(m => new { m.TenantId, m.DeadLetteredAt });

        // The dispatcher only ever looks at pending messages, so the index holds only those.
        builder.HasIndex(m => m.NextAttemptAt)
            .HasFilter("\"DeliveredAt\" IS NULL AND \"DeadLetteredAt\" IS NULL")
            .HasDatabaseName("IX_OutboxMessages_Pending");
    }
}
