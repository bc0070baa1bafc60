using GutImmune.Web.Content;
using GutImmune.Web.LinkChecking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class LinkCheckConfiguration : IEntityTypeConfiguration<LinkCheck>
{
    public void Configure(EntityTypeBuilder<LinkCheck> check)
    {
        check.HasIndex(c => c.Address).IsUnique();
        // A reference's web address, or https://doi.org/ and its DOI.
        check.Property(c => c.Address).HasMaxLength(ContentLimits.Url + ContentLimits.ShortText);
        check.Property(c => c.FinalAddress).HasMaxLength(ContentLimits.Url * 4);
        check.Property(c => c.Error).HasMaxLength(ContentLimits.ShortText);
        check.PrimitiveCollection(c => c.Redirects).IsRequired();
        check.Ignore(c => c.IsBroken);
    }
}
