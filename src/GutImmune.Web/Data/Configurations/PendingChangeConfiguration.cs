using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class PendingChangeConfiguration : IEntityTypeConfiguration<PendingChange>
{
    public void Configure(EntityTypeBuilder<PendingChange> pending)
    {
        pending.ToTable("PendingChanges");
        pending.HasIndex(p => new { p.ArticleId, p.EditorId }).IsUnique();
        pending.Property(p => p.EditorId).HasMaxLength(ContentLimits.Name);
        pending.Property(p => p.FormJson).HasMaxLength(PendingChange.MaxFormLength);
        pending.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
