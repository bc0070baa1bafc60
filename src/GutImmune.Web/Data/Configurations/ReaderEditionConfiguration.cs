using GutImmune.Web.Content;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ReaderEditionConfiguration : IEntityTypeConfiguration<ReaderEdition>
{
    public void Configure(EntityTypeBuilder<ReaderEdition> edition)
    {
        edition.HasIndex(e => e.ArticleId).IsUnique();
        edition.HasIndex(e => e.Slug).IsUnique();
        edition.HasIndex(e => e.PublishedAt);
        edition.Property(e => e.Slug).HasMaxLength(ContentLimits.Slug);
        edition.Property(e => e.Title).HasMaxLength(ContentLimits.Title);
        edition.Property(e => e.Summary).HasMaxLength(ContentLimits.Summary);
        edition.Property(e => e.AuthorName).HasMaxLength(ContentLimits.Name);
        edition.Property(e => e.AuthorCredentials).HasMaxLength(ContentLimits.Name);
        edition.Property(e => e.HeroImageUrl).HasMaxLength(ContentLimits.Url);
        edition.Property(e => e.HeroImageAlt).HasMaxLength(ContentLimits.ShortText);
        edition.Property(e => e.HeroImageCaption).HasMaxLength(ContentLimits.ShortText);
        edition.Property(e => e.ReviewedBy).HasMaxLength(ContentLimits.Name);
        edition.HasOne<Article>().WithOne().HasForeignKey<ReaderEdition>(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
        edition.HasMany(e => e.Topics).WithMany().UsingEntity("ReaderEditionTopics");
    }
}
