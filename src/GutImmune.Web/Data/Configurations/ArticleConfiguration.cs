using GutImmune.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.HasIndex(a => a.Slug).IsUnique();
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.Property(a => a.Slug).HasMaxLength(ContentLimits.Slug);
        article.Property(a => a.Title).HasMaxLength(ContentLimits.Title);
        article.Property(a => a.Summary).HasMaxLength(ContentLimits.Summary);
        article.Property(a => a.AuthorName).HasMaxLength(ContentLimits.Name);
        article.Property(a => a.AuthorCredentials).HasMaxLength(ContentLimits.Name);
        article.Property(a => a.HeroImageUrl).HasMaxLength(ContentLimits.Url);
        article.Property(a => a.HeroImageAlt).HasMaxLength(ContentLimits.ShortText);
        article.Property(a => a.HeroImageCaption).HasMaxLength(ContentLimits.ShortText);
        article.Property(a => a.Disclaimer).HasMaxLength(ContentLimits.Markdown);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        article.Property(a => a.ReviewedBy).HasMaxLength(ContentLimits.Name);
        article.Property(a => a.ReviewOverrideReason).HasMaxLength(ContentLimits.ShortText);
        article.Property(a => a.Version).IsConcurrencyToken();

        article.HasMany(a => a.Sections).WithOne().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Citations).WithOne().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
