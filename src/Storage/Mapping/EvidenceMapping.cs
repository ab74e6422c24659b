using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class EvidenceMapping : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable(EntityNames.Evidence);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Nonce).HasMaxLength(Evidence.NonceLength);
        builder.Property(e => e.Tag).HasMaxLength(Evidence.TagLength);
        builder.Property(e => e.KeyId).HasMaxLength(EntityNames.ShortTextLength);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IncidentMatch>().WithMany().HasForeignKey(e => e.MatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.IncidentId);
        builder.HasIndex(e => e.MatchId);

        // NULLs are distinct in a unique index on both providers: matched frames (no sequence) never collide.
        builder.HasIndex(e => new { e.IncidentId, e.PreviewSequence }).IsUnique();
    }
}
