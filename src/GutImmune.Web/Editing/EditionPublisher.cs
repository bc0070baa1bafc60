using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Media;
using GutImmune.Web.Publishing;
using GutImmune.Web.Reading;
using GutImmune.Web.Search;
using GutImmune.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>
/// Writes and removes articles' reader editions and their search entries, and records their sections' slugs, inside the
/// save that publishes or unpublishes (<see cref="ArticleEditor"/>) or, once at start-up, for a published article that has none yet.
/// </summary>
public sealed class EditionPublisher(GutImmuneDbContext db, SearchIndexer search, TimeProvider clock, ReaderEditionPages pages, MediaPictures media,
    WebhookOutbox webhooks)
{
    /// <summary>The edition readers saw before a change: its address and topics, whose pages the change must evict.</summary>
    public sealed record Replaced(string Slug, IReadOnlyList<int> TopicIds);

    /// <summary>
    /// Makes <paramref name="article"/>, as it is now (saved or about to be, with its version and dates set), what readers
    /// see: its edition rendered and its search entries replaced, with <paramref name="changeNote"/> (if any) added to its
    /// change notes, and the event that tells webhook endpoints of it. Returns the edition it replaces, if any.
    /// </summary>
    public async Task<Replaced?> PublishAsync(Article article, string? changeNote, CancellationToken cancellationToken)
    {
        var edition = await db.ReaderEditions.Include(e => e.Topics).SingleOrDefaultAsync(e => e.ArticleId == article.Id, cancellationToken);
        var replaced = edition is null ? null : new Replaced(edition.Slug, edition.Topics.Select(t => t.Id).ToList());
        var readersSawItBefore = edition?.IsVisibleAt(clock.GetUtcNow().UtcDateTime) == true;
        if (edition is null)
        {
            edition = new ReaderEdition { Slug = "", Title = "", Summary = "", AuthorName = "" };
            db.ReaderEditions.Add(edition);
        }
        else
            pages.Forget(edition.Id, edition.Version);
        var catalog = await media.ForAsync(article, cancellationToken);
        edition.Publish(article, ArticleRendering.Render(article, catalog), ArticleFileWriter.Write(article), catalog.ShownIds,
            await ChangeNotesAsync(article, changeNote, cancellationToken));
        await RecordSectionSlugsAsync(article, cancellationToken);
        await search.IndexAsync(article, cancellationToken);
        await webhooks.PublishedAsync(edition, readersSawItBefore, cancellationToken);
        return replaced;
    }

    /// <summary>
    /// The article's change notes with <paramref name="changeNote"/> recorded as published now (or at the article's
    /// publication time, when that is later), newest first.
    /// </summary>
    private async Task<IReadOnlyList<PublishedChangeNote>> ChangeNotesAsync(Article article, string? changeNote, CancellationToken cancellationToken)
    {
        var notes = await db.ChangeNotes.AsNoTracking().Where(n => n.ArticleId == article.Id).OrderByDescending(n => n.Id)
            .Select(n => new PublishedChangeNote(n.PublishedAt, n.Note)).ToListAsync(cancellationToken);
        if (changeNote is null)
            return notes;
        var now = clock.GetUtcNow().UtcDateTime;
        var note = new ChangeNote { ArticleId = article.Id, Version = article.Version, Note = changeNote, PublishedAt = article.PublishedAt > now ? article.PublishedAt.Value : now };
        db.ChangeNotes.Add(note);
        return [new PublishedChangeNote(note.PublishedAt, note.Note), .. notes];
    }

    /// <summary>
    /// Records the slug each of the article's sections is published under now (<see cref="PublishedSectionSlug"/>). The rows of
    /// slugs they were published under before stay, so that those addresses lead to where the sections are now; a slug a
    /// section takes over from another becomes its own.
    /// </summary>
    private async Task RecordSectionSlugsAsync(Article article, CancellationToken cancellationToken)
    {
        var recorded = await db.PublishedSectionSlugs.Where(s => s.ArticleId == article.Id).ToDictionaryAsync(s => s.Slug, cancellationToken);
        foreach (var section in article.Sections)
        {
            if (recorded.GetValueOrDefault(section.Slug) is { } published)
                published.SectionId = section.Id;
            else
                db.PublishedSectionSlugs.Add(new PublishedSectionSlug { ArticleId = article.Id, SectionId = section.Id, Slug = section.Slug });
        }
    }

    /// <summary>Removes the article's edition and search entries (readers no longer see it anywhere) and tells webhook endpoints. Returns what was removed.</summary>
    public async Task<Replaced?> WithdrawAsync(int articleId, CancellationToken cancellationToken)
    {
        var edition = await db.ReaderEditions.Include(e => e.Topics).SingleOrDefaultAsync(e => e.ArticleId == articleId, cancellationToken);
        await search.RemoveAsync(articleId, cancellationToken);
        if (edition is null)
            return null;
        db.ReaderEditions.Remove(edition);
        await webhooks.WithdrawnAsync(edition, cancellationToken);
        pages.Forget(edition.Id, edition.Version);
        return new Replaced(edition.Slug, edition.Topics.Select(t => t.Id).ToList());
    }

    /// <summary>Whether the article has a reader edition: readers see it (or will, when it is scheduled).</summary>
    public Task<bool> IsLiveAsync(int articleId, CancellationToken cancellationToken) =>
        db.ReaderEditions.AnyAsync(e => e.ArticleId == articleId, cancellationToken);

    /// <summary>The content readers see of the article (as an article without ids), and the version it was published from; null when unpublished.</summary>
    public async Task<(Article Content, int Version)?> LiveContentAsync(int articleId, CancellationToken cancellationToken)
    {
        var edition = await db.ReaderEditions.AsNoTracking().Where(e => e.ArticleId == articleId)
            .Select(e => new { e.Snapshot, e.Version }).SingleOrDefaultAsync(cancellationToken);
        return edition is not null && Read(edition.Snapshot) is { } content ? (content, edition.Version) : null;
    }

    /// <summary>The content readers see of each of <paramref name="articleIds"/> that they see, by article, in one query.</summary>
    public async Task<Dictionary<int, Article>> LiveContentsAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        var editions = await db.ReaderEditions.AsNoTracking().Where(e => articleIds.Contains(e.ArticleId))
            .Select(e => new { e.ArticleId, e.Snapshot }).ToListAsync(cancellationToken);
        return editions.Select(e => (e.ArticleId, Content: Read(e.Snapshot))).Where(e => e.Content is not null).ToDictionary(e => e.ArticleId, e => e.Content!);
    }

    private Article? Read(byte[] snapshot) => ArticleFileReader.ReadStored(ReaderEdition.ReadSnapshot(snapshot), clock.GetUtcNow().UtcDateTime).Article;

    /// <summary>
    /// Dates at their publication the editions scheduled before an edition was dated so (<see cref="ReaderEdition.ModifiedBeforePublication"/>):
    /// they said readers saw a change at the time it was scheduled. Returns what was re-dated, whose pages the caller evicts.
    /// It reads every edition: the start that upgrades a database from before runs it, once (<see cref="DatabaseInitializer"/>).
    /// </summary>
    public async Task<IReadOnlyList<Replaced>> DateScheduledEditionsAtPublicationAsync(CancellationToken cancellationToken)
    {
        var early = await db.ReaderEditions.Include(e => e.Topics).Where(ReaderEdition.ModifiedBeforePublication).ToListAsync(cancellationToken);
        foreach (var edition in early)
        {
            edition.DateModifiedAtPublication();
            pages.Forget(edition.Id, edition.Version);
        }
        await db.SaveChangesAsync(cancellationToken);
        return early.Select(e => new Replaced(e.Slug, e.Topics.Select(t => t.Id).ToList())).ToList();
    }

    /// <summary>
    /// Gives every article that is published but has no edition (a database from before reader editions) one made from
    /// its content as it is: that content was what readers saw.
    /// </summary>
    public async Task PublishMissingAsync(CancellationToken cancellationToken)
    {
        var missing = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null)
            .Where(a => !db.ReaderEditions.Any(e => e.ArticleId == a.Id))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in missing)
        {
            var article = await db.Articles.WithContent().SingleAsync(a => a.Id == id, cancellationToken);
            await PublishAsync(article, changeNote: null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
