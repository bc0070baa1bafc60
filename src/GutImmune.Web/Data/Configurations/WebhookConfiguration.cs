using GutImmune.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Name).HasMaxLength(WebhookEndpoint.MaxNameLength);
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        endpoint.Property(e => e.CreatedBy).HasMaxLength(200);
        endpoint.Ignore(e => e.IsRevoked);
    }
}

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.EventId).HasMaxLength(40);
        delivery.Property(d => d.EventType).HasMaxLength(40);
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        delivery.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The sender's query: what is due, soonest first.
        delivery.HasIndex(d => d.NextAttemptAt);
        delivery.HasIndex(d => new { d.EndpointId, d.Id });
        delivery.HasIndex(d => d.ArticleId);
    }
}
