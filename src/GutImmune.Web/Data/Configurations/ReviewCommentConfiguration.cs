using GutImmune.Web.Content;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> comment)
    {
        comment.HasIndex(c => new { c.ArticleId, c.ThreadId });
        comment.Property(c => c.ItemKind).HasConversion<string>().HasMaxLength(20);
        comment.Property(c => c.ItemLabel).HasMaxLength(ContentLimits.ShortText);
        comment.Property(c => c.ItemFingerprint).HasMaxLength(64);
        comment.Property(c => c.Author).HasMaxLength(ContentLimits.Name);
        comment.Property(c => c.AuthorName).HasMaxLength(ContentLimits.Name);
        comment.Property(c => c.ResolvedBy).HasMaxLength(ContentLimits.Name);
        comment.Property(c => c.Text).HasMaxLength(ReviewComment.MaxTextLength);
        comment.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<ReviewComment>().WithMany().HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
