using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveWatch.Storage.Mapping;

internal sealed class WebhookEndpointMapping : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable(EntityNames.WebhookEndpoints);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TenantId).HasMaxLength(Tenant.MaxIdLength);
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(e => e.Secret).HasMaxLength(WebhookEndpoint.MaxSecretLength);
        builder.Property(e => e.PreviousSecret).HasMaxLength(WebhookEndpoint.MaxSecretLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.TenantId);
    }
}
