using GutImmune.Web.Content;
using GutImmune.Web.People;
using GutImmune.Web.SitePages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutImmune.Web.Data.Configurations;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.HasIndex(p => p.Slug).IsUnique();
        person.HasIndex(p => p.Name);
        person.HasIndex(p => p.AccountId).IsUnique();
        person.Property(p => p.Slug).HasMaxLength(ContentLimits.Slug);
        person.Property(p => p.Name).HasMaxLength(ContentLimits.Name);
        person.Property(p => p.Credentials).HasMaxLength(ContentLimits.Name);
        person.Property(p => p.Role).HasMaxLength(ContentLimits.Name);
        person.Property(p => p.Bio).HasMaxLength(Person.MaxBioLength);
        person.Property(p => p.Version).IsConcurrencyToken();
        // Deleting an account keeps the profile: what the person wrote is still theirs.
        person.HasOne(p => p.Account).WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class SitePageConfiguration : IEntityTypeConfiguration<SitePage>
{
    public void Configure(EntityTypeBuilder<SitePage> page)
    {
        page.HasKey(p => p.Slug);
        page.Property(p => p.Slug).HasMaxLength(ContentLimits.Slug);
        page.Property(p => p.Title).HasMaxLength(ContentLimits.Title);
        page.Property(p => p.Body).HasMaxLength(ContentLimits.Markdown);
        page.Property(p => p.UpdatedBy).HasMaxLength(ContentLimits.Name);
        page.Property(p => p.Version).IsConcurrencyToken();
    }
}
