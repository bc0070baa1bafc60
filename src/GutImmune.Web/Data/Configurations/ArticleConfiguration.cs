using GutImmune.Web.Content;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        // A short list read and written with the article, never queried by its parts: one JSON text column on both engines.
        article.Property(a => a.NoCitationNeeded).HasConversion(
            marks => JsonSerializer.Serialize(marks, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<List<NoCitationNeeded>>(json, (JsonSerializerOptions?)null) ?? new List<NoCitationNeeded>(),
            new ValueComparer<List<NoCitationNeeded>>((a, b) => a!.SequenceEqual(b!), marks => marks.Aggregate(0, (hash, m) => HashCode.Combine(hash, m)),
                marks => marks.ToList()));

        article.HasMany(a => a.Sections).WithOne().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Citations).WithOne().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
