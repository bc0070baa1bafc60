using GutImmune.Web.Content;
using GutImmune.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class MediaImageConfiguration : IEntityTypeConfiguration<MediaImage>
{
    public void Configure(EntityTypeBuilder<MediaImage> image)
    {
        image.ToTable("MediaImages");
        image.HasIndex(m => m.Fingerprint);
        image.HasIndex(m => m.UploadedAt);
        image.Property(m => m.Fingerprint).HasMaxLength(64);
        // Two uploads of the same file at once: the second save fails here, and MediaLibrary answers it with the first's item.
        image.HasIndex(m => m.UploadHash).IsUnique();
        image.Property(m => m.UploadHash).HasMaxLength(64);
        image.Property(m => m.Format).HasConversion<string>().HasMaxLength(8);
        image.Property(m => m.FileName).HasMaxLength(MediaImage.MaxTextLength);
        image.Property(m => m.AltText).HasMaxLength(MediaImage.MaxTextLength);
        image.Property(m => m.Caption).HasMaxLength(MediaImage.MaxTextLength);
        image.Property(m => m.Credit).HasMaxLength(MediaImage.MaxTextLength);
        image.Property(m => m.Licence).HasMaxLength(MediaImage.MaxTextLength);
        image.Property(m => m.UploadedBy).HasMaxLength(ContentLimits.Name);
        image.Property(m => m.Version).IsConcurrencyToken();
        // An image that is an article's hero cannot be deleted (the library refuses first, with where it is used).
        image.HasMany<Article>().WithOne().HasForeignKey(a => a.HeroMediaId).OnDelete(DeleteBehavior.Restrict);
    }
}
