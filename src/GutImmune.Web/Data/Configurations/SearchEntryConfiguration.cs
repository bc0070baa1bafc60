using GutImmune.Web.Content;
using GutImmune.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> entry)
    {
        entry.HasIndex(e => e.ArticleId);
        entry.Property(e => e.SectionSlug).HasMaxLength(ContentLimits.Slug);
        entry.Property(e => e.Anchor).HasMaxLength(ContentLimits.Slug * 2);
        entry.HasOne<Article>().WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
