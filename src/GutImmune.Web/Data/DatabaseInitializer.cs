using GutImmune.Web.Content.Import;
using GutImmune.Web.Editing;
using GutImmune.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

/// <summary>Brings the database to the current schema at start-up and seeds an empty one with the bundled articles.</summary>
public sealed class DatabaseInitializer(GutImmuneDbContext db, ArticleEditor editor, EditionPublisher editions, SearchIndexer search, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "Data", "Seed");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Instances that start together migrate and seed one after the other: the second finds the schema and the
        // articles the first made. EF Core's own migration lock is not enough when several migrations are pending: it is
        // held per migration, so a second instance could apply one the first had already planned ("column already exists").
        await using var turn = await db.WaitForStartupTurnAsync(cancellationToken);
        await db.MigrateAsync(cancellationToken);

        if (await db.Articles.AnyAsync(cancellationToken))
        {
            // A database from before reader editions: what readers saw of each published article becomes its edition.
            await editions.PublishMissingAsync(cancellationToken);
            // A database from before search existed: index what readers see once.
            if (!await db.SearchEntries.AnyAsync(cancellationToken))
                await search.RebuildAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
            return;
        }
        foreach (var path in Directory.EnumerateFiles(SeedFolder, "*.json").Order())
        {
            var result = ArticleFileReader.Read(await File.ReadAllTextAsync(path, cancellationToken), clock.GetUtcNow().UtcDateTime);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"The seed file {Path.GetFileName(path)} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
            var outcome = await editor.CreateAsync(result.Article!, $"Imported from the seed file {Path.GetFileName(path)}", cancellationToken);
            if (outcome is not EditOutcome.Saved)
                throw new InvalidOperationException($"The seed file {Path.GetFileName(path)} could not be imported: {outcome}");
            logger.LogInformation("Seeded the article {Slug} from {File}", result.Article!.Slug, Path.GetFileName(path));
        }
    }
}
