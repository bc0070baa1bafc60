using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using GutImmune.Web.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

public class GutImmuneDbContext(DbContextOptions<GutImmuneDbContext> options)
    : IdentityDbContext<EditorAccount>(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<Cause> Causes => Set<Cause>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ArticleSlugRedirect> SlugRedirects => Set<ArticleSlugRedirect>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GutImmuneDbContext).Assembly);
    }
}
