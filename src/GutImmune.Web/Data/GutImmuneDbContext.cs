using GutImmune.Web.Content;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

public class GutImmuneDbContext(DbContextOptions<GutImmuneDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<Cause> Causes => Set<Cause>();
    public DbSet<Citation> Citations => Set<Citation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GutImmuneDbContext).Assembly);
    }
}
