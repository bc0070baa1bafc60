using System.Runtime.CompilerServices;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GutImmune.Web.Reading;

/// <summary>
/// Builds the reader pages from the articles' reader editions (what was published, already rendered), only those
/// readers may see now (<see cref="ReaderEdition.VisibleAt"/>); never from the articles' editable rows.
/// </summary>
public sealed class ArticleReader(LazyDbContext lazyDb, TimeProvider clock, SiteAddress site, ReaderEditionPages pages, Media.MediaPictures media,
    PeopleDirectory people, EditionAtSlugCache editionsAtSlugs, ArticleSurroundingsCache surroundingsCache, RelatedArticlesCache relatedCache,
    NextScheduledEdition nextScheduled)
{
    public const int PageSize = 20;

    /// <summary>Taken from the pool by the first query: a page whose parts are all kept needs no context.</summary>
    private GutImmuneDbContext Db => lazyDb.Context;

    public async Task<HomePage> GetHomePageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize); // the offset must not overflow
        var rows = await ListItemsAsync(Visible
            .OrderByDescending(e => e.PublishedAt).ThenBy(e => e.ArticleId)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1), cancellationToken);
        return new HomePage(rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    public async Task<TopicPage?> GetTopicPageAsync(string slug, int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize); // the offset must not overflow
        // A topic only drafts or scheduled articles are filed under is not public yet: its page would show its name.
        var topic = await Visible.SelectMany(e => e.Topics).Where(t => t.Slug == slug).Select(t => new TopicLink(t.Slug, t.Name))
            .FirstOrDefaultAsync(cancellationToken);
        if (topic is null)
            return null;
        var rows = await ListItemsAsync(Visible.Where(e => e.Topics.Any(t => t.Slug == slug))
            .OrderByDescending(e => e.PublishedAt).ThenBy(e => e.ArticleId)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1), cancellationToken);
        return new TopicPage(topic, rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    /// <summary>
    /// How many articles the home page lists in all, or a topic's page (for the page that says a page number is past the
    /// list's end).
    /// </summary>
    public Task<int> CountArticlesAsync(string? topicSlug, CancellationToken cancellationToken) =>
        (topicSlug is null ? Visible : Visible.Where(e => e.Topics.Any(t => t.Slug == topicSlug))).CountAsync(cancellationToken);

    /// <summary>Topics that have at least one article readers can see, with how many.</summary>
    public async Task<IReadOnlyList<TopicIndexEntry>> GetTopicsAsync(CancellationToken cancellationToken)
    {
        var topics = await Visible.SelectMany(e => e.Topics)
            .GroupBy(t => new { t.Slug, t.Name })
            .Select(g => new { g.Key.Slug, g.Key.Name, Count = g.Count() })
            .OrderBy(t => t.Name)
            .ToListAsync(cancellationToken);
        return topics.Select(t => new TopicIndexEntry(t.Slug, t.Name, t.Count)).ToList();
    }

    private async Task<List<ArticleListItem>> ListItemsAsync(IQueryable<ReaderEdition> editions, CancellationToken cancellationToken) =>
        await (await editions.Select(ArticleCards.Project).ToListAsync(cancellationToken)).ToCardsAsync(Db, cancellationToken);

    /// <summary>The article page readers get, with its related articles and its people linked to their profiles.</summary>
    public async Task<ArticlePage?> GetArticlePageAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = new PageConnection(lazyDb);
        var edition = await LoadAsync(slug, connection, cancellationToken);
        if (edition is null)
            return null;
        var header = edition.Header;
        var rendered = await PageOfAsync(edition, connection, cancellationToken);
        var surroundings = await SurroundingsAsync(edition, rendered, connection, cancellationToken);
        var today = Today;
        return ArticleRendering.Page(header, rendered, surroundings.Related, surroundings.StructuredData, site, today) with
        {
            Credits = surroundings.Credits,
            // Surroundings just built (a first reading), or stored by an earlier build, carry no stamp: their page is not kept.
            MarkupKey = surroundings.Stamp is { } stamp ? $"{edition.Id}.{edition.Version}.{stamp}.{today.DayNumber}" : null,
        };
    }

    private Task<ArticleSurroundings> SurroundingsAsync(VisibleEdition edition, RenderedArticle rendered, PageConnection connection,
        CancellationToken cancellationToken) =>
        surroundingsCache.GetAsync(edition.Id, edition.Version, site.BaseUrl, Now, token => connection.ReadAsync(async _ =>
        {
            var related = edition.Topics.Count == 0 ? null : await RelatedCandidatesAsync(edition.Topics.Select(t => t.Id).ToList(), token);
            var (credits, structuredData) = await people.CreditedAsync(edition.Header, ArticleRendering.StructuredDataAt(rendered, site), token);
            return new ArticleSurroundings(related?.For(edition.ArticleId) ?? [], credits, structuredData, related?.ValidUntil);
        }, token), cancellationToken);

    private Task<DateTime?> FirstScheduledAfterAsync(DateTime utcNow, CancellationToken cancellationToken) =>
        Db.ReaderEditions.AsNoTracking().Where(e => e.PublishedAt > utcNow).MinAsync(e => (DateTime?)e.PublishedAt, cancellationToken);

    /// <summary>
    /// The working copy of any article, whatever its state, rendered exactly as it would be published (for editors): the
    /// same rendering its reader edition gets at publish time.
    /// </summary>
    public async Task<ArticlePage?> GetPreviewAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = await Db.Articles.AsNoTracking().WithContent().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        return article is null ? null : await GetPreviewAsync(article, cancellationToken);
    }

    /// <summary>As above, for a working copy the caller has already loaded with its sections, references and topics.</summary>
    public async Task<ArticlePage> GetPreviewAsync(Article article, CancellationToken cancellationToken)
    {
        var topicIds = article.Topics.Select(t => t.Id).ToList();
        var related = topicIds.Count == 0 ? [] : (await RelatedCandidatesAsync(topicIds, cancellationToken)).For(article.Id);
        var pictures = await media.ForAsync(article, cancellationToken);
        var rendered = ArticleRendering.Render(article, pictures);
        return ArticleRendering.Page(ArticleRendering.Header(article), rendered, related, ArticleRendering.StructuredDataAt(rendered, site), site, Today);
    }

    /// <summary>
    /// The candidates for the related articles of the articles filed under <paramref name="topicIds"/>, kept until any
    /// publication changes them (<see cref="RelatedArticlesCache"/>).
    /// </summary>
    private Task<RelatedCandidates> RelatedCandidatesAsync(IReadOnlyList<int> topicIds, CancellationToken cancellationToken) =>
        relatedCache.GetAsync(topicIds, Now, async token =>
        {
            var newest = await Visible.Where(e => e.Topics.Any(t => topicIds.Contains(t.Id)))
                .OrderByDescending(e => e.PublishedAt).Take(RelatedCandidates.Considered + 1)
                .Select(e => new { e.ArticleId, e.Slug, e.PublishedAt, Shared = e.Topics.Count(t => topicIds.Contains(t.Id)) })
                .ToListAsync(token);
            var best = newest.OrderByDescending(e => e.Shared).ThenByDescending(e => e.PublishedAt).Take(RelatedCandidates.Shown + 1).ToList();
            var ids = best.Select(e => e.ArticleId).ToList();
            var rows = await Db.ReaderEditions.AsNoTracking().Where(e => ids.Contains(e.ArticleId)).Select(ArticleCards.Project).ToListAsync(token);
            var cards = (await rows.ToCardsAsync(Db, token)).ToDictionary(c => c.Slug);
            // Any scheduled edition, not only one sharing a topic: the kept candidates are then read again sooner than
            // needed, but a miss runs no query for it (several instances: see NextScheduledEdition).
            var validUntil = await nextScheduled.AfterAsync(Now, FirstScheduledAfterAsync, token);
            // An article withdrawn between the two reads is left out: withdrawing it evicts these candidates anyway.
            return new RelatedCandidates(newest.Select(e => e.ArticleId).ToList(),
                best.Where(e => cards.ContainsKey(e.Slug)).Select(e => new RelatedCandidates.Ranked(e.ArticleId, cards[e.Slug])).ToList(), validUntil);
        }, cancellationToken);

    /// <summary>A section on its own page, with its article's people linked to their profiles as on the article page.</summary>
    public async Task<SectionPage?> GetSectionPageAsync(string slug, string sectionSlug, CancellationToken cancellationToken)
    {
        await using var connection = new PageConnection(lazyDb);
        var edition = await LoadAsync(slug, connection, cancellationToken);
        if (edition is null)
            return null;
        var rendered = await PageOfAsync(edition, connection, cancellationToken);
        if (ArticleRendering.SectionPage(edition.Header, rendered, sectionSlug) is not { } page)
            return null;
        return page with { Credits = (await SurroundingsAsync(edition, rendered, connection, cancellationToken)).Credits };
    }

    /// <summary>A published article's header and references (as published), for citation downloads.</summary>
    public async Task<(ArticleHeader Header, IReadOnlyList<Citation> Citations)?> GetCitationsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = new PageConnection(lazyDb);
        var edition = await LoadAsync(slug, connection, cancellationToken);
        if (edition is null)
            return null;
        var snapshot = await connection.ReadAsync(db =>
            db.ReaderEditions.AsNoTracking().Where(e => e.ArticleId == edition.ArticleId).Select(e => e.Snapshot).SingleAsync(cancellationToken), cancellationToken);
        var published = ArticleFileReader.ReadStored(ReaderEdition.ReadSnapshot(snapshot), Now).Article;
        return (edition.Header, published?.Citations.OrderBy(c => c.Number).ToList() ?? []);
    }

    /// <summary>The <paramref name="count"/> most recently published articles readers can see, newest first.</summary>
    public async Task<IReadOnlyList<FeedEntry>> GetFeedEntriesAsync(int count, CancellationToken cancellationToken)
    {
        var rows = await Visible.OrderByDescending(e => e.PublishedAt).ThenBy(e => e.ArticleId).Take(count)
            .Select(e => new { e.Slug, e.Title, e.Summary, e.AuthorName, e.PublishedAt, e.UpdatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new FeedEntry(e.Slug, e.Title, e.Summary, e.AuthorName, e.PublishedAt, e.UpdatedAt)).ToList();
    }

    public async Task<SitemapSize> GetSitemapSizeAsync(CancellationToken cancellationToken)
    {
        var count = await Visible.CountAsync(cancellationToken);
        var newest = await Visible.MaxAsync(e => (DateTime?)e.UpdatedAt, cancellationToken);
        return new SitemapSize(count, newest);
    }

    /// <summary>Page <paramref name="pageNumber"/> (from 1) of the articles readers can see, <paramref name="pageSize"/> at a time in a stable order.</summary>
    public async Task<IReadOnlyList<SitemapArticle>> GetSitemapArticlesAsync(int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var rows = await Visible.OrderBy(e => e.ArticleId).Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(e => new { e.Slug, e.UpdatedAt, e.SectionSlugs })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new SitemapArticle(e.Slug, e.UpdatedAt, e.SectionSlugs.Split('\n', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    /// <summary>Topics with an article readers can see, dated by the newest such article (never by a draft).</summary>
    public async Task<IReadOnlyList<SitemapTopic>> GetSitemapTopicsAsync(CancellationToken cancellationToken)
    {
        var rows = await Visible.SelectMany(e => e.Topics, (e, t) => new { t.Slug, e.UpdatedAt })
            .GroupBy(t => t.Slug)
            .Select(g => new { Slug = g.Key, Updated = g.Max(t => t.UpdatedAt) })
            .OrderBy(t => t.Slug)
            .ToListAsync(cancellationToken);
        return rows.Select(t => new SitemapTopic(t.Slug, t.Updated)).ToList();
    }

    /// <summary>
    /// The slug readers find a published article at now if it used to live at <paramref name="formerSlug"/>; never
    /// <paramref name="formerSlug"/> itself. An article renamed in its working copy only keeps a redirect from the slug it is
    /// still published at (<see cref="Editing.ArticleEditor"/>): a section or download it lacks there is not found, not moved.
    /// </summary>
    public Task<string?> FindRenamedAsync(string formerSlug, CancellationToken cancellationToken) =>
        Db.SlugRedirects.AsNoTracking().Where(r => r.Slug == formerSlug)
            .Join(Visible, r => r.ArticleId, e => e.ArticleId, (r, e) => e.Slug)
            .Where(slug => slug != formerSlug)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Where a request for an address under an article's <paramref name="formerSlug"/> moves to, null when it names no
    /// renamed article: the address <paramref name="pathOf"/> makes of the current slug, then <paramref name="rest"/> (the
    /// path after the slug's segment, escaped) and the request's <paramref name="query"/>. Reader pages and the content API
    /// both answer their 301 with it.
    /// </summary>
    public async Task<string?> MovedAddressAsync(string formerSlug, Func<string, string> pathOf, string rest, QueryString query,
        CancellationToken cancellationToken) =>
        await FindRenamedAsync(formerSlug, cancellationToken) is { } current ? $"{pathOf(current)}{rest}{query}" : null;

    /// <summary>
    /// Where a request for the section <paramref name="sectionSlug"/> of the article at <paramref name="slug"/> moves to, null
    /// when it names no section readers see elsewhere: the address <paramref name="sectionPathOf"/> makes of the article's
    /// current slug and the section's, then the request's <paramref name="query"/>. The article may have been renamed
    /// (<see cref="FindRenamedAsync"/>), the section too (a slug it was published under before, <see cref="PublishedSectionSlug"/>),
    /// or both: one 301 either way. A section no longer published is not found, not moved, whatever the article's slug.
    /// </summary>
    public async Task<string?> MovedSectionAddressAsync(string slug, string sectionSlug, Func<string, string, string> sectionPathOf, QueryString query,
        CancellationToken cancellationToken)
    {
        var edition = await Visible.Where(e => e.Slug == slug).Select(e => new { e.ArticleId, e.Slug, e.SectionSlugs }).FirstOrDefaultAsync(cancellationToken)
            ?? await Db.SlugRedirects.AsNoTracking().Where(r => r.Slug == slug)
                .Join(Visible, r => r.ArticleId, e => e.ArticleId, (r, e) => new { e.ArticleId, e.Slug, e.SectionSlugs })
                .FirstOrDefaultAsync(cancellationToken);
        if (edition is null)
            return null;
        var published = edition.SectionSlugs.Split('\n');
        var current = published.Contains(sectionSlug) ? sectionSlug : await RenamedSectionAsync(edition.ArticleId, sectionSlug, published, cancellationToken);
        return current is null || (edition.Slug == slug && current == sectionSlug) ? null : sectionPathOf(edition.Slug, current) + query;
    }

    /// <summary>Of the slugs the section once published at <paramref name="formerSlug"/> was published under, the one readers find it at now.</summary>
    private async Task<string?> RenamedSectionAsync(int articleId, string formerSlug, string[] published, CancellationToken cancellationToken)
    {
        var slugsOfThatSection = await Db.PublishedSectionSlugs.AsNoTracking().Where(s => s.ArticleId == articleId && s.Slug == formerSlug)
            .Join(Db.PublishedSectionSlugs.AsNoTracking().Where(s => s.ArticleId == articleId), former => former.SectionId, other => other.SectionId,
                (former, other) => other.Slug)
            .ToListAsync(cancellationToken);
        return slugsOfThatSection.FirstOrDefault(published.Contains);
    }

    /// <summary>
    /// Where the article pages at <paramref name="slug"/> are: that slug while readers see an article there, else the slug
    /// of the article that used to live there (<see cref="FindRenamedAsync"/>); null when neither.
    /// </summary>
    public async Task<string?> CurrentSlugAsync(string slug, CancellationToken cancellationToken) =>
        await Visible.AnyAsync(e => e.Slug == slug, cancellationToken) ? slug : await FindRenamedAsync(slug, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private IQueryable<ReaderEdition> Visible => Db.ReaderEditions.AsNoTracking().Where(ReaderEdition.VisibleAt(Now));

    /// <summary>
    /// A reader edition readers may see, with its topics, as a page is built from it; with its stored page when that was read
    /// with it (<see cref="LoadAsync"/>).
    /// </summary>
    private sealed record VisibleEdition(int Id, int Version, int ArticleId, ArticleHeader Header, IReadOnlyList<Topic> Topics, byte[]? StoredPage);

    /// <summary>
    /// The edition at <paramref name="slug"/> if readers may see it, with its topics, without its snapshot. An edition not
    /// kept is read with its stored page in one query: a page built from scratch then needs no second one for it (most
    /// editions of a large site are read once, and miss both caches).
    /// </summary>
    private async Task<VisibleEdition?> LoadAsync(string slug, PageConnection connection, CancellationToken cancellationToken)
    {
        byte[]? storedPage = null;
        if (await editionsAtSlugs.FindAsync(slug, FindVisibleAsync, cancellationToken) is not { } edition)
            return null;
        var topics = await pages.GetTopicsAsync(edition.Id, edition.Version, ReadTopicsAsync, cancellationToken);
        return new VisibleEdition(edition.Id, edition.Version, edition.ArticleId, edition.Header with { Topics = ReaderEdition.TopicLinks(topics) }, topics,
            storedPage);

        // Once visible, an edition stays so until a change replaces or withdraws it, which evicts what is kept of it.
        Task<EditionAtSlug?> FindVisibleAsync(CancellationToken token) => connection.ReadAsync(async db =>
        {
            if (await Reads.EditionWithPageAt(db, slug, token) is not { } found || !found.IsVisibleAt(Now))
                return null;
            storedPage = found.RenderedPage;
            return new EditionAtSlug(found.Id, found.Version, found.ArticleId, found.Header());
        }, token);

        Task<List<Topic>> ReadTopicsAsync(CancellationToken token) => connection.ReadAsync(async db =>
        {
            var topics = new List<Topic>();
            await foreach (var topic in Reads.TopicsOf(db, edition.Id).WithCancellation(token))
                topics.Add(topic);
            return topics;
        }, token);
    }

    private Task<RenderedArticle> PageOfAsync(VisibleEdition edition, PageConnection connection, CancellationToken cancellationToken) =>
        pages.GetAsync(edition.Id, edition.Version, token => edition.StoredPage is { } page
            ? Task.FromResult(page)
            : connection.ReadAsync(db => Reads.RenderedPageOf(db, edition.Id, token), token), cancellationToken);

    // A compiled query skips EF Core's translation and its cache lookup on the two reads of a page the output cache
    // misses. It serves the one model it was compiled for, so each model (engine) gets its own: tests run both in one process.
    private static readonly ConditionalWeakTable<IModel, CompiledReads> CompiledFor = new();

    private CompiledReads Reads => CompiledFor.GetValue(Db.Model, _ => new CompiledReads());

    private sealed class CompiledReads
    {
        public readonly Func<GutImmuneDbContext, string, CancellationToken, Task<ReaderEdition?>> EditionWithPageAt = EF.CompileAsyncQuery(
            (GutImmuneDbContext db, string slug, CancellationToken _) => db.ReaderEditions.AsNoTracking().Where(e => e.Slug == slug).Select(e => new ReaderEdition
            {
                Id = e.Id, Version = e.Version, ArticleId = e.ArticleId, Slug = e.Slug, Title = e.Title, Summary = e.Summary, AuthorName = e.AuthorName,
                AuthorCredentials = e.AuthorCredentials, HeroImageUrl = e.HeroImageUrl, HeroImageAlt = e.HeroImageAlt,
                HeroImageCaption = e.HeroImageCaption, PublishedAt = e.PublishedAt, UpdatedAt = e.UpdatedAt, LastReviewedOn = e.LastReviewedOn,
                ReviewedBy = e.ReviewedBy, NextReviewDue = e.NextReviewDue, ChangeNotes = e.ChangeNotes, RenderedPage = e.RenderedPage,
            }).SingleOrDefault());

        // Apart from the edition: with them in one query, SQLite joins every edition's topics before picking this one's
        // (a LEFT JOIN to a subquery that is itself a join is not flattened), a cost that grows with the number of articles.
        public readonly Func<GutImmuneDbContext, int, IAsyncEnumerable<Topic>> TopicsOf = EF.CompileAsyncQuery(
            (GutImmuneDbContext db, int editionId) => db.ReaderEditions.AsNoTracking().Where(e => e.Id == editionId).SelectMany(e => e.Topics)
                .Select(t => new Topic { Id = t.Id, Slug = t.Slug, Name = t.Name }));

        public readonly Func<GutImmuneDbContext, int, CancellationToken, Task<byte[]>> RenderedPageOf = EF.CompileAsyncQuery(
            (GutImmuneDbContext db, int id, CancellationToken _) => db.ReaderEditions.AsNoTracking().Where(e => e.Id == id).Select(e => e.RenderedPage).Single());
    }
}
