using GutImmune.Tests.Web;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Data;

/// <summary>
/// A new database is seeded while its seed articles are read, rendered and tracked beside the schema's making (on a
/// context that is never saved): only the import, through ArticleEditor, writes.
/// </summary>
public class SeedImportTests
{
    [Fact]
    public async Task A_new_database_holds_each_seed_article_once_with_its_parts_once()
    {
        await using var site = new GutImmuneFactory();
        _ = site.Server;
        var seed = Directory.EnumerateFiles(DatabaseInitializer.SeedFolder, "*.json")
            .Select(path => ArticleFileReader.Read(File.ReadAllText(path), DateTime.UtcNow).Article!).ToList();

        var stored = await site.WithServiceAsync<GutImmuneDbContext, List<(string Slug, int Sections, int Citations, int Revisions)>>(db =>
            db.Articles.OrderBy(a => a.Slug).Select(a => ValueTuple.Create(a.Slug, a.Sections.Count, a.Citations.Count,
                db.Revisions.Count(r => r.ArticleId == a.Id))).ToListAsync());

        Assert.Equal(seed.OrderBy(a => a.Slug, StringComparer.Ordinal).Select(a => (a.Slug, a.Sections.Count, a.Citations.Count, 1)), stored);
    }
}
