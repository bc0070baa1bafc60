using GutImmune.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class CitationConfiguration : IEntityTypeConfiguration<Citation>
{
    public void Configure(EntityTypeBuilder<Citation> citation)
    {
        // Not unique in the schema: renumbering updates numbers one row at a time. ArticleValidator keeps them unique.
        citation.HasIndex(c => new { c.ArticleId, c.Number });
        citation.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        citation.Property(c => c.Evidence).HasConversion<string>().HasMaxLength(30);
        citation.Ignore(c => c.Authors);
        citation.PrimitiveCollection(c => c.AuthorNames).IsRequired();
        citation.Property(c => c.Title).HasMaxLength(ContentLimits.CitationField);
        citation.Property(c => c.Source).HasMaxLength(ContentLimits.CitationField);
        citation.Property(c => c.DateDetail).HasMaxLength(50);
        citation.Property(c => c.Volume).HasMaxLength(50);
        citation.Property(c => c.Issue).HasMaxLength(50);
        citation.Property(c => c.Pages).HasMaxLength(50);
        citation.Property(c => c.Doi).HasMaxLength(ContentLimits.ShortText);
        citation.Property(c => c.Pmid).HasMaxLength(20);
        citation.Property(c => c.Url).HasMaxLength(ContentLimits.Url);
    }
}
