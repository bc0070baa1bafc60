using GutImmune.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> section)
    {
        section.HasIndex(s => new { s.ArticleId, s.Slug }).IsUnique();
        section.HasIndex(s => new { s.ArticleId, s.Position });
        section.Property(s => s.Slug).HasMaxLength(ContentLimits.Slug);
        section.Property(s => s.Heading).HasMaxLength(ContentLimits.Title);
        section.Property(s => s.Body).HasMaxLength(ContentLimits.Markdown);
        section.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);

        section.HasMany(s => s.Facts).WithOne().HasForeignKey(f => f.SectionId).OnDelete(DeleteBehavior.Cascade);
        section.HasMany(s => s.Causes).WithOne().HasForeignKey(c => c.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class FactConfiguration : IEntityTypeConfiguration<Fact>
{
    public void Configure(EntityTypeBuilder<Fact> fact)
    {
        fact.HasIndex(f => new { f.SectionId, f.Position });
        fact.Property(f => f.Text).HasMaxLength(ContentLimits.Markdown);
    }
}

public class CauseConfiguration : IEntityTypeConfiguration<Cause>
{
    public void Configure(EntityTypeBuilder<Cause> cause)
    {
        cause.HasIndex(c => new { c.SectionId, c.Position });
        cause.Property(c => c.Title).HasMaxLength(ContentLimits.Title);
        cause.Property(c => c.Description).HasMaxLength(ContentLimits.Markdown);
    }
}
