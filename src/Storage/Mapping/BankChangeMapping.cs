using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class BankChangeMapping : IEntityTypeConfiguration<BankChange>
{
    public void Configure(EntityTypeBuilder<BankChange> builder)
    {
        builder.ToTable(EntityNames.BankChanges);
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedOnAdd();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Bank>().WithMany().HasForeignKey(c => c.BankId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BankEntry>().WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.BankId);
        builder.HasIndex(c => c.EntryId);
    }
}
