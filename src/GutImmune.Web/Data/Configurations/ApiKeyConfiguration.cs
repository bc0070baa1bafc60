using GutImmune.Web.ContentApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        key.Property(k => k.Start).HasMaxLength(20);
        key.Property(k => k.CreatedBy).HasMaxLength(200);
        key.Property(k => k.Hash).HasMaxLength(32);
        key.HasIndex(k => k.Hash).IsUnique();
        key.Ignore(k => k.IsRevoked);
    }
}
