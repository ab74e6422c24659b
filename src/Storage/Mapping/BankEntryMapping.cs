using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class BankEntryMapping : IEntityTypeConfiguration<BankEntry>
{
    public void Configure(EntityTypeBuilder<BankEntry> builder)
    {
        builder.ToTable(EntityNames.BankEntries);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Hash).HasConversion<Hash256ToBytesConverter>().HasMaxLength(32);
        builder.Property(e => e.ExternalId).HasMaxLength(BankEntry.MaxExternalIdLength);
        builder.Property(e => e.Label).HasMaxLength(BankEntry.MaxLabelLength);
        builder.HasOne<Bank>().WithMany().HasForeignKey(e => e.BankId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.BankId);

        // A list provider's id names one hash: a second active entry with the same id is an import error.
        builder.HasIndex(e => new { e.BankId, e.ExternalId })
            .IsUnique()
            .HasFilter("\"ExternalId\" IS NOT NULL AND \"RemovedAt\" IS NULL")
            .HasDatabaseName("IX_BankEntries_BankId_ExternalId");
    }
}
