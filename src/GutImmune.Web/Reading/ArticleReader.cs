using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Reading;

/// <summary>Builds the reader pages from the store: only what readers may see, rendered through the one pipeline.</summary>
public sealed class ArticleReader(GutImmuneDbContext db, TimeProvider clock, SiteAddress site)
{
    public const int PageSize = 20;

    public async Task<HomePage> GetHomePageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize); // the offset must not overflow
        var rows = await ListItemsAsync(VisibleToReaders
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1), cancellationToken);
        return new HomePage(rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    public async Task<TopicPage?> GetTopicPageAsync(string slug, int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize); // the offset must not overflow
        var topic = await db.Topics.AsNoTracking().Where(t => t.Slug == slug).Select(t => new TopicLink(t.Slug, t.Name))
            .SingleOrDefaultAsync(cancellationToken);
        if (topic is null)
            return null;
        var rows = await ListItemsAsync(VisibleToReaders.Where(a => a.Topics.Any(t => t.Slug == slug))
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1), cancellationToken);
        return new TopicPage(topic, rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    /// <summary>Topics that have at least one article readers can see, with how many.</summary>
    public async Task<IReadOnlyList<TopicIndexEntry>> GetTopicsAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var topics = await db.Topics.AsNoTracking()
            .Select(t => new { t.Slug, t.Name, Count = t.Articles.Count(a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= now) })
            .Where(t => t.Count > 0)
            .OrderBy(t => t.Name)
            .ToListAsync(cancellationToken);
        return topics.Select(t => new TopicIndexEntry(t.Slug, t.Name, t.Count)).ToList();
    }

    private static async Task<List<ArticleListItem>> ListItemsAsync(IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var rows = await articles
            .Select(a => new { a.Slug, a.Title, a.Summary, a.AuthorName, a.AuthorCredentials, a.PublishedAt, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new ArticleListItem(a.Slug, a.Title, a.Summary,
                a.AuthorCredentials is null ? a.AuthorName : $"{a.AuthorName}, {a.AuthorCredentials}", a.PublishedAt, a.UpdatedAt))
            .ToList();
    }

    public async Task<ArticlePage?> GetArticlePageAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(VisibleToReaders.Where(a => a.Slug == slug), cancellationToken);
        return article is null ? null : ArticlePage(article, await RelatedAsync(article, cancellationToken));
    }

    /// <summary>Any article, whatever its state, rendered exactly as readers would see it (for editors).</summary>
    public async Task<ArticlePage?> GetPreviewAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(db.Articles.Where(a => a.Id == articleId), cancellationToken);
        return article is null ? null : ArticlePage(article, await RelatedAsync(article, cancellationToken));
    }

    public const int RelatedCount = 3;

    /// <summary>How many of the newest articles sharing a topic are considered, so the cost stays flat as content grows.</summary>
    private const int RelatedCandidates = 50;

    /// <summary>Other articles readers can see that share the most topics with <paramref name="article"/>, newest first among equals.</summary>
    private async Task<IReadOnlyList<ArticleListItem>> RelatedAsync(Article article, CancellationToken cancellationToken)
    {
        var topicIds = article.Topics.Select(t => t.Id).ToList();
        if (topicIds.Count == 0)
            return [];
        var candidates = await VisibleToReaders
            .Where(a => a.Id != article.Id && a.Topics.Any(t => topicIds.Contains(t.Id)))
            .OrderByDescending(a => a.PublishedAt).Take(RelatedCandidates)
            .Select(a => new { a.Slug, Shared = a.Topics.Count(t => topicIds.Contains(t.Id)) })
            .ToListAsync(cancellationToken);
        // OrderByDescending is stable: among equally related articles the newest stay first.
        var slugs = candidates.OrderByDescending(c => c.Shared).Take(RelatedCount).Select(c => c.Slug).ToList();
        var items = await ListItemsAsync(db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug)), cancellationToken);
        return items.OrderBy(i => slugs.IndexOf(i.Slug)).ToList();
    }

    private ArticlePage ArticlePage(Article article, IReadOnlyList<ArticleListItem> related)
    {
        var scope = new CitationScope(article.Citations.Select(c => c.Number));
        var sections = article.Sections.Select(s => Render(s, scope)).ToList();
        var disclaimer = article.Disclaimer is null ? null : Html(ContentMarkdown.ToHtml(article.Disclaimer, scope, "Disclaimer"));
        var references = article.Citations.Select(c => new RenderedReference(c.Number, AmaStyle.Format(c), scope.UsesOf(c.Number))).ToList();
        var header = Header(article);
        var url = site.Absolute($"/articles/{article.Slug}");
        var cite = ReferenceExport.Cite(header, url, DateOnly.FromDateTime(Now));
        var page = new ArticlePage(header, sections, references, disclaimer, ReadingTime.Minutes(article), related, cite, "");
        return page with { StructuredData = Reading.StructuredData.MedicalWebPage(page, url, article.Citations, site.Absolute("/")) };
    }

    public async Task<SectionPage?> GetSectionPageAsync(string slug, string sectionSlug, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(VisibleToReaders.Where(a => a.Slug == slug), cancellationToken);
        var index = article?.Sections.FindIndex(s => s.Slug == sectionSlug) ?? -1;
        if (article is null || index < 0)
            return null;

        var scope = new CitationScope(article.Citations.Select(c => c.Number));
        var section = Render(article.Sections[index], scope);
        var cited = scope.CitedNumbers.ToHashSet();
        var references = article.Citations.Where(c => cited.Contains(c.Number))
            .Select(c => new RenderedReference(c.Number, AmaStyle.Format(c), scope.UsesOf(c.Number))).ToList();
        SectionLink? LinkTo(int i) => i >= 0 && i < article.Sections.Count
            ? new SectionLink(article.Sections[i].Slug, article.Sections[i].Heading)
            : null;
        return new SectionPage(Header(article), section, references, LinkTo(index - 1), LinkTo(index + 1));
    }

    /// <summary>A published article's header and references, for citation downloads.</summary>
    public async Task<(ArticleHeader Header, IReadOnlyList<Citation> Citations)?> GetCitationsAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(VisibleToReaders.Where(a => a.Slug == slug), cancellationToken);
        return article is null ? null : (Header(article), article.Citations);
    }

    /// <summary>The <paramref name="count"/> most recently published articles readers can see, newest first.</summary>
    public async Task<IReadOnlyList<FeedEntry>> GetFeedEntriesAsync(int count, CancellationToken cancellationToken)
    {
        var rows = await VisibleToReaders.AsNoTracking().OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id).Take(count)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.AuthorName, a.PublishedAt, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new FeedEntry(a.Slug, a.Title, a.Summary, a.AuthorName, a.PublishedAt!.Value, a.UpdatedAt)).ToList();
    }

    public async Task<SitemapSize> GetSitemapSizeAsync(CancellationToken cancellationToken)
    {
        var count = await VisibleToReaders.CountAsync(cancellationToken);
        var newest = await VisibleToReaders.MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);
        return new SitemapSize(count, newest);
    }

    /// <summary>Page <paramref name="pageNumber"/> (from 1) of the articles readers can see, <paramref name="pageSize"/> at a time in a stable order.</summary>
    public async Task<IReadOnlyList<SitemapArticle>> GetSitemapArticlesAsync(int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var rows = await VisibleToReaders.AsNoTracking().OrderBy(a => a.Id).Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(a => new { a.Slug, a.UpdatedAt, Sections = a.Sections.OrderBy(s => s.Position).Select(s => s.Slug).ToList() })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new SitemapArticle(a.Slug, a.UpdatedAt, a.Sections)).ToList();
    }

    /// <summary>Topics with an article readers can see, dated by the newest such article (never by a draft).</summary>
    public async Task<IReadOnlyList<SitemapTopic>> GetSitemapTopicsAsync(CancellationToken cancellationToken)
    {
        var visible = Article.VisibleToReadersAt(Now);
        var rows = await db.Topics.AsNoTracking()
            .Where(t => t.Articles.AsQueryable().Any(visible))
            .OrderBy(t => t.Slug)
            .Select(t => new { t.Slug, Updated = t.Articles.AsQueryable().Where(visible).Max(a => a.UpdatedAt) })
            .ToListAsync(cancellationToken);
        return rows.Select(t => new SitemapTopic(t.Slug, t.Updated)).ToList();
    }

    /// <summary>The current slug of a published article that used to live at <paramref name="formerSlug"/>, if any.</summary>
    public Task<string?> FindRenamedAsync(string formerSlug, CancellationToken cancellationToken) =>
        db.SlugRedirects.AsNoTracking().Where(r => r.Slug == formerSlug)
            .Join(VisibleToReaders, r => r.ArticleId, a => a.Id, (r, a) => a.Slug)
            .FirstOrDefaultAsync(cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<Article> VisibleToReaders => db.Articles.Where(Article.VisibleToReadersAt(Now));

    private static async Task<Article?> LoadAsync(IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var article = await articles.AsNoTracking().AsSplitQuery()
            .Include(a => a.Sections.OrderBy(s => s.Position)).ThenInclude(s => s.Facts.OrderBy(f => f.Position))
            .Include(a => a.Sections).ThenInclude(s => s.Causes.OrderBy(c => c.Position))
            .Include(a => a.Citations.OrderBy(c => c.Number))
            .Include(a => a.Topics.OrderBy(t => t.Name))
            .SingleOrDefaultAsync(cancellationToken);
        return article;
    }

    private static RenderedSection Render(Section section, CitationScope scope)
    {
        var body = Html(ContentMarkdown.ToHtml(section.Body, scope, section.Heading));
        var facts = section.Facts.Select(f => Html(ContentMarkdown.ToHtml(f.Text, scope, section.Heading))).ToList();
        var anchors = CauseAnchor.For(section.Slug, section.Causes.Select(c => c.Title));
        var causes = section.Causes.Select((c, i) => new RenderedCause(
            anchors[i], c.Title, Html(ContentMarkdown.ToHtml(c.Description, scope, c.Title)))).ToList();
        return new RenderedSection(section.Slug, section.Heading, section.Kind, body, facts, causes);
    }

    private static ArticleHeader Header(Article a) => new(a.Slug, a.Title, a.Summary, a.AuthorName, a.AuthorCredentials,
        a.HeroImageUrl, a.HeroImageAlt, a.HeroImageCaption, a.PublishedAt, a.UpdatedAt, a.LastReviewedOn, a.ReviewedBy, a.NextReviewDue,
        a.Topics.Select(t => new TopicLink(t.Slug, t.Name)).ToList());

    private static HtmlString Html(string html) => new(html);
}
