using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class IncidentMatchMapping : IEntityTypeConfiguration<IncidentMatch>
{
    public void Configure(EntityTypeBuilder<IncidentMatch> builder)
    {
        builder.ToTable(EntityNames.IncidentMatches, table =>
        {
            table.HasCheckConstraint("CK_IncidentMatches_Variant", "\"Variant\" >= 0 AND \"Variant\" <= 7");
            table.HasCheckConstraint("CK_IncidentMatches_Distance", "\"Distance\" >= 0 AND \"Distance\" <= 256");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.RunId).HasMaxLength(IncidentMatch.MaxRunIdLength);
        builder.Property(m => m.FrameHash).HasConversion<Hash256ToBytesConverter>().HasMaxLength(32);
        builder.HasOne<Incident>().WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Bank>().WithMany().HasForeignKey(m => m.BankId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BankEntry>().WithMany().HasForeignKey(m => m.BankEntryId).OnDelete(DeleteBehavior.Restrict);

        // A retried batch must not add the same match twice.
        builder.HasIndex(m => new { m.IncidentId, m.RunId, m.FrameSequence, m.BankEntryId }).IsUnique();
        builder.HasIndex(m => m.BankId);
        builder.HasIndex(m => m.BankEntryId);
    }
}
