using GutImmune.Web.Content;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class ChangeNoteConfiguration : IEntityTypeConfiguration<ChangeNote>
{
    public void Configure(EntityTypeBuilder<ChangeNote> note)
    {
        note.HasIndex(n => n.ArticleId);
        note.Property(n => n.Note).HasMaxLength(ChangeNote.MaxLength);
        note.HasOne<Article>().WithMany().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
