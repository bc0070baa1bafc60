using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Editing;
using GutImmune.Web.Media;
using GutImmune.Web.Reading;
using GutImmune.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

/// <summary>Brings the database to the current schema at start-up and seeds an empty one with the bundled articles.</summary>
public sealed class DatabaseInitializer(GutImmuneDbContext db, ArticleEditor editor, EditionPublisher editions, ReaderPageCache readerPages, AuditLog audit,
    SearchIndexer search, TimeProvider clock, IServiceScopeFactory scopes, ILogger<DatabaseInitializer> logger)
{
    public const string SeedOverrideReason = "Seed content imported without a recorded medical review.";

    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "Data", "Seed");

    /// <summary>The name (after its date) of a migration made after scheduled editions were dated at their publication (commit b54158c).</summary>
    private const string MadeAfterScheduledEditionsWereDated = "_PublishedSectionSlugs";

    /// <summary>The `migrate` command: brings the database to the current schema and seeds it, then says what it did.</summary>
    public static async Task<int> RunMigrateCommandAsync(IServiceProvider services, TextWriter output)
    {
        var pending = (await services.GetRequiredService<GutImmuneDbContext>().Database.GetPendingMigrationsAsync()).ToList();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        output.WriteLine(pending.Count == 0
            ? "The database schema was already current."
            : $"Applied {pending.Count} migrations ({pending[0]} to {pending[^1]}); the database schema is current.");
        return 0;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Instances that start together migrate and seed one after the other: the second finds the schema and the
        // articles the first made. EF Core's own migration lock is not enough when several migrations are pending: it is
        // held per migration, so a second instance could apply one the first had already planned ("column already exists").
        await using var turn = await db.WaitForStartupTurnAsync(cancellationToken);
        // A new database is seeded: its seed articles are read and rendered once, and a copy of them tracked, on other
        // cores while the schema is made, so that the import on the start's critical path mostly saves.
        var empty = await FreshSchema.IsEmptyAsync(db, cancellationToken);
        var seed = empty ? Task.Run(() => ReadSeedAsync(cancellationToken), cancellationToken) : null;
        await using var tracking = empty ? new SeedTrackingWarmUp(scopes, clock, cancellationToken) : null;
        var upgradedBy = await db.MigrateAsync(cancellationToken);

        if (await db.Articles.AnyAsync(cancellationToken))
        {
            // A database from before reader editions: what readers saw of each published article becomes its edition.
            await editions.PublishMissingAsync(cancellationToken);
            // A database from before scheduled editions were dated at their publication: those scheduled then say they
            // changed when they were scheduled. Such a database lacks every migration made since: the start that applies
            // one of them dates those editions, once, and later starts (from the seed template too) do not look for them.
            // Their pages may be kept in a store other instances share.
            if (upgradedBy.Any(id => id.EndsWith(MadeAfterScheduledEditionsWereDated, StringComparison.Ordinal))
                && await editions.DateScheduledEditionsAtPublicationAsync(cancellationToken) is [_, ..] redated)
            {
                await readerPages.EvictAsync(redated.Select(e => e.Slug), redated.SelectMany(e => e.TopicIds), cancellationToken);
                logger.LogInformation("Dated {Count} scheduled editions at their publication instead of the time they were scheduled", redated.Count);
            }
            // A database from before search existed: index what readers see once.
            if (!await db.SearchEntries.AnyAsync(cancellationToken))
                await search.RebuildAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
            return;
        }
        foreach (var (file, article) in await (seed ?? ReadSeedAsync(cancellationToken)))
        {
            var outcome = await editor.CreateAsync(article, $"Imported from the seed file {file}", alongside: () =>
            {
                if (article.ReviewOverrideReason is { } reason)
                    audit.Add(AuditLog.Actions.PublishedWithoutReview, $"article “{article.Title}” ({article.Slug})", reason, actor: "system");
            }, cancellationToken);
            if (outcome is not EditOutcome.Saved)
                throw new InvalidOperationException($"The seed file {file} could not be imported: {outcome}");
            logger.LogInformation("Seeded the article {Slug} from {File}", article.Slug, file);
        }
    }

    /// <summary>
    /// The seed folder's articles, by file name, as the import saves them. Each is also rendered once and written out as
    /// a file, as its publication will (the result is dropped): the first use of Markdig, HtmlSanitizer's AngleSharp and
    /// the JSON serializer costs far more than the work itself, and here it is paid beside the schema's making.
    /// </summary>
    private async Task<List<(string File, Article Article)>> ReadSeedAsync(CancellationToken cancellationToken)
    {
        var seed = new List<(string, Article)>();
        foreach (var path in Directory.EnumerateFiles(SeedFolder, "*.json").Order())
        {
            var result = ArticleFileReader.Read(await File.ReadAllTextAsync(path, cancellationToken), clock.GetUtcNow().UtcDateTime);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"The seed file {Path.GetFileName(path)} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
            var article = result.Article!;
            // The seed content was never reviewed here: it is live by override, listed on the dashboard until a Reviewer signs it off.
            (article.LastReviewedOn, article.ReviewedBy, article.NextReviewDue) = ((DateOnly?)null, (string?)null, (DateOnly?)null);
            if (article.Status == ArticleStatus.Published)
                article.ReviewOverrideReason = SeedOverrideReason;
            // A seed reference says nothing of its evidence type unless its own title does (EvidenceFromTitle's rule).
            foreach (var citation in article.Citations.Where(c => c.Evidence == EvidenceType.NotClassified))
                citation.Evidence = EvidenceFromTitle.Of(citation.Title);
            _ = ArticleRendering.Render(article, MediaCatalog.Empty);
            _ = ArticleFileWriter.Write(article);
            seed.Add((Path.GetFileName(path), article));
        }
        return seed;
    }

    /// <summary>
    /// Tracks a copy of each seed article as added in a context of its own that is never saved: EF Core compiles each
    /// entity type's change-tracking snapshots and fix-up on first use, and here that happens beside the schema's making
    /// instead of in the import's first save. Disposing waits for it, so that it never outlives the initialization.
    /// </summary>
    private sealed class SeedTrackingWarmUp(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private readonly Task _running = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var unsaved = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            foreach (var path in Directory.EnumerateFiles(SeedFolder, "*.json").Order())
                if (ArticleFileReader.Read(await File.ReadAllTextAsync(path, cancellationToken), clock.GetUtcNow().UtcDateTime).Article is { } copy)
                    unsaved.Articles.Add(copy);
            unsaved.ChangeTracker.DetectChanges();
        }, cancellationToken);

        public async ValueTask DisposeAsync() => await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
