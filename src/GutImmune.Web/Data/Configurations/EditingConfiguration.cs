using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> topic)
    {
        topic.HasIndex(t => t.Slug).IsUnique();
        topic.Property(t => t.Slug).HasMaxLength(ContentLimits.Slug);
        topic.Property(t => t.Name).HasMaxLength(ContentLimits.Name);
        topic.HasMany(t => t.Articles).WithMany(a => a.Topics).UsingEntity("ArticleTopics");
    }
}

public class ArticleSlugRedirectConfiguration : IEntityTypeConfiguration<ArticleSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleSlugRedirect> redirect)
    {
        redirect.HasIndex(r => r.Slug).IsUnique();
        redirect.Property(r => r.Slug).HasMaxLength(ContentLimits.Slug);
        redirect.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PublishedSectionSlugConfiguration : IEntityTypeConfiguration<PublishedSectionSlug>
{
    public void Configure(EntityTypeBuilder<PublishedSectionSlug> slug)
    {
        slug.HasIndex(s => new { s.ArticleId, s.Slug }).IsUnique();
        slug.Property(s => s.Slug).HasMaxLength(ContentLimits.Slug);
        slug.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasIndex(r => new { r.ArticleId, r.Version }).IsUnique();
        revision.HasIndex(r => r.CreatedAt);
        revision.Property(r => r.Author).HasMaxLength(ContentLimits.Name);
        revision.Property(r => r.Description).HasMaxLength(ContentLimits.ShortText);
        revision.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        revision.Property(r => r.ReviewedBy).HasMaxLength(ContentLimits.Name);
        // The column keeps its name so that rows written before RevisionStorage stay readable (and the previous release can go on writing during an upgrade).
        revision.Property(r => r.UncompressedSnapshot).HasColumnName("Snapshot");
        revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasIndex(e => e.At);
        entry.Property(e => e.Actor).HasMaxLength(ContentLimits.Name);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.Target).HasMaxLength(ContentLimits.ShortText);
        entry.Property(e => e.Details).HasMaxLength(ContentLimits.CitationField);
        entry.Property(e => e.RemoteIp).HasMaxLength(64);
    }
}

public class EditorAccountConfiguration : IEntityTypeConfiguration<EditorAccount>
{
    public void Configure(EntityTypeBuilder<EditorAccount> account)
    {
        account.Property(a => a.DisplayName).HasMaxLength(ContentLimits.Name);
    }
}
