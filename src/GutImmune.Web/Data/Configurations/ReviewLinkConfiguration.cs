using GutImmune.Web.Content;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ReviewLinkConfiguration : IEntityTypeConfiguration<ReviewLink>
{
    public void Configure(EntityTypeBuilder<ReviewLink> link)
    {
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.ArticleId);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.ContentFingerprint).HasMaxLength(64);
        link.Property(l => l.CreatedBy).HasMaxLength(ContentLimits.Name);
        link.Property(l => l.RevokedBy).HasMaxLength(ContentLimits.Name);
        link.HasOne<Article>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
