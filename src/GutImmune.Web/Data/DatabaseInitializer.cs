using GutImmune.Web.Content.Import;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

/// <summary>Brings the database to the current schema at start-up and seeds an empty one with the bundled articles.</summary>
public sealed class DatabaseInitializer(GutImmuneDbContext db, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "Data", "Seed");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the file: set once, it holds for every later connection.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);

        if (await db.Articles.AnyAsync(cancellationToken))
            return;
        foreach (var path in Directory.EnumerateFiles(SeedFolder, "*.json").Order())
        {
            var result = ArticleFileReader.Read(await File.ReadAllTextAsync(path, cancellationToken), clock.GetUtcNow().UtcDateTime);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"The seed file {Path.GetFileName(path)} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
            db.Articles.Add(result.Article!);
            logger.LogInformation("Seeded the article {Slug} from {File}", result.Article!.Slug, Path.GetFileName(path));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
