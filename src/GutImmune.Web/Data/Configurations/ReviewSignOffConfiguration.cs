using GutImmune.Web.Content;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ReviewSignOffConfiguration : IEntityTypeConfiguration<ReviewSignOff>
{
    public void Configure(EntityTypeBuilder<ReviewSignOff> signOff)
    {
        signOff.HasIndex(s => new { s.ArticleId, s.ContentFingerprint });
        signOff.Property(s => s.ContentFingerprint).HasMaxLength(64);
        signOff.Property(s => s.ReviewerName).HasMaxLength(ContentLimits.Name);
        signOff.Property(s => s.ReviewerAccount).HasMaxLength(ContentLimits.Name);
        signOff.Property(s => s.ReviewerCredentials).HasMaxLength(ReviewLinks.CredentialsLength);
        signOff.HasOne<ReviewLink>().WithMany().HasForeignKey(s => s.ReviewLinkId).OnDelete(DeleteBehavior.SetNull);
        signOff.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
