using System.Text.Json;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.ContentApi;

/// <summary>
/// The content API's queries: only reader editions readers may see now (<see cref="ReaderEdition.VisibleAt"/>), as they
/// were published, never the articles' working copies.
/// </summary>
public sealed class ArticleCatalog(GutImmuneDbContext db, TimeProvider clock, SiteAddress site, IOptions<ContentApiOptions> options,
    PeopleDirectory people)
{
    public const string BasePath = "/api/v1";

    private ContentApiOptions Terms => options.Value;

    public async Task<ApiArticleList> ListAsync(ArticleListRequest request, CancellationToken cancellationToken)
    {
        var editions = Visible;
        if (request.Topic is { } topic)
            editions = editions.Where(e => e.Topics.Any(t => t.Slug == topic));
        if (request.ModifiedSince is { } modified)
            editions = editions.Where(e => e.UpdatedAt >= modified);
        if (request.ReviewedSince is { } reviewed)
            editions = editions.Where(e => e.LastReviewedOn >= reviewed);
        if (request.ReviewDueBefore is { } due)
            editions = editions.Where(e => e.NextReviewDue < due);

        var rows = await Ordered(editions, request.Order, request.After).Take(request.Limit + 1)
            .Select(e => new
            {
                e.ArticleId, e.Slug, e.Title, e.Summary, e.PublishedAt, e.UpdatedAt, e.LastReviewedOn, e.NextReviewDue,
                Topics = e.Topics.OrderBy(t => t.Slug).Select(t => t.Slug).ToList(),
            })
            .ToListAsync(cancellationToken);

        var items = rows.Take(request.Limit).Select(r => new ApiArticleSummary(r.Slug, r.Title, r.Summary, ArticleUrl(site, r.Slug), ApiArticleUrl(site, r.Slug),
            Utc(r.PublishedAt), Utc(r.UpdatedAt), r.LastReviewedOn, r.NextReviewDue, r.Topics)).ToList();
        if (rows.Count <= request.Limit)
            return new ApiArticleList(items, null, null);
        var last = rows[request.Limit - 1];
        var value = request.Order switch
        {
            ArticleOrder.LastReviewed => last.LastReviewedOn?.DayNumber,
            ArticleOrder.NextReview => last.NextReviewDue?.DayNumber,
            _ => (long?)Utc(last.UpdatedAt).Ticks,
        };
        var cursor = new ArticleCursor(request.Order, value, last.ArticleId).Encode();
        var next = QueryString.Create(new Dictionary<string, string?>
        {
            ["topic"] = request.Topic,
            ["modifiedSince"] = request.ModifiedSince?.ToString("O"),
            ["reviewedSince"] = request.ReviewedSince?.ToString("yyyy-MM-dd"),
            ["reviewDueBefore"] = request.ReviewDueBefore?.ToString("yyyy-MM-dd"),
            ["orderBy"] = ArticleListRequest.Name(request.Order),
            ["limit"] = request.Limit.ToString(),
            ["cursor"] = cursor,
        }.Where(p => p.Value is not null));
        return new ApiArticleList(items, cursor, site.Absolute($"{BasePath}/articles{next}"));
    }

    /// <summary>
    /// Sorted by <paramref name="order"/> (rows without a review date last) with the article id as the tiebreak, and
    /// starting after <paramref name="after"/>: keyset pagination, so a page costs the same however deep it is and
    /// an article modified meanwhile is neither skipped nor repeated within one order.
    /// </summary>
    private static IQueryable<ReaderEdition> Ordered(IQueryable<ReaderEdition> editions, ArticleOrder order, ArticleCursor? after)
    {
        switch (order)
        {
            case ArticleOrder.LastReviewed:
                if (after is not null)
                {
                    var day = after.Day;
                    editions = day is null
                        ? editions.Where(e => e.LastReviewedOn == null && e.ArticleId > after.ArticleId)
                        : editions.Where(e => e.LastReviewedOn < day || e.LastReviewedOn == day && e.ArticleId > after.ArticleId || e.LastReviewedOn == null);
                }
                return editions.OrderBy(e => e.LastReviewedOn == null).ThenByDescending(e => e.LastReviewedOn).ThenBy(e => e.ArticleId);
            case ArticleOrder.NextReview:
                if (after is not null)
                {
                    var day = after.Day;
                    editions = day is null
                        ? editions.Where(e => e.NextReviewDue == null && e.ArticleId > after.ArticleId)
                        : editions.Where(e => e.NextReviewDue > day || e.NextReviewDue == day && e.ArticleId > after.ArticleId || e.NextReviewDue == null);
                }
                return editions.OrderBy(e => e.NextReviewDue == null).ThenBy(e => e.NextReviewDue).ThenBy(e => e.ArticleId);
            default:
                if (after is not null)
                {
                    var modified = after.Modified;
                    editions = editions.Where(e => e.UpdatedAt < modified || e.UpdatedAt == modified && e.ArticleId > after.ArticleId);
                }
                return editions.OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.ArticleId);
        }
    }

    public async Task<IReadOnlyList<ApiTopic>> TopicsAsync(ArticleReader reader, CancellationToken cancellationToken) =>
        (await reader.GetTopicsAsync(cancellationToken))
            .Select(t => new ApiTopic(t.Slug, t.Name, t.ArticleCount, TopicArticlesUrl(t.Slug))).ToList();

    public async Task<ApiMedicalWebPage?> ArticleAsync(string slug, CancellationToken cancellationToken)
    {
        var published = await LoadAsync(slug, cancellationToken);
        if (published is null)
            return null;
        var (edition, article, rendered) = published.Value;
        var url = ArticleUrl(site, edition.Slug);
        var sections = Sections(article, rendered.Sections);
        var disclaimer = article.Disclaimer is null || rendered.Disclaimer is null ? null : new ApiMarkup(article.Disclaimer, rendered.Disclaimer.Value!);
        // The profiles the article page links and its JSON-LD names, from the same lookup.
        var credits = await people.CreditsAsync(edition.Header(), cancellationToken);
        return new ApiMedicalWebPage(url, url, edition.Slug, edition.Title, edition.Title, edition.Summary, "en",
            new ApiPerson(edition.AuthorName, edition.AuthorCredentials) { Url = ProfileUrl(credits.Author) },
            edition.ReviewedBy is null ? null : new ApiPerson(edition.ReviewedBy, null) { Url = ProfileUrl(credits.Reviewer) },
            new ApiOrganization(SiteAddress.SiteName, site.Absolute("/")),
            Utc(edition.PublishedAt), Utc(edition.UpdatedAt), edition.LastReviewedOn, edition.NextReviewDue, Image(edition, rendered),
            edition.Topics.OrderBy(t => t.Name).Select(t => new ApiThing(t.Slug, t.Name, TopicArticlesUrl(t.Slug))).ToList(),
            sections, References(article.Citations), disclaimer, Terms.License, Terms.Attribution);
    }

    public async Task<ApiSectionDocument?> SectionAsync(string slug, string sectionSlug, CancellationToken cancellationToken)
    {
        var published = await LoadAsync(slug, cancellationToken);
        if (published is null)
            return null;
        var (edition, article, rendered) = published.Value;
        var page = rendered.SectionPages.FirstOrDefault(p => p.Section.Slug == sectionSlug);
        if (page is null)
            return null;
        var section = Sections(article, [page.Section]).Single();
        var cited = page.References.Select(r => r.Number).ToHashSet();
        return new ApiSectionDocument(section.Identifier, section.Name, section.Kind, section.Url, section.ApiUrl, section.Markdown, section.Html,
            section.Facts, section.Causes,
            new ApiPageReference(ArticleUrl(site, edition.Slug), edition.Slug, edition.Title, ApiArticleUrl(site, edition.Slug)),
            References(article.Citations.Where(c => cited.Contains(c.Number))),
            Utc(edition.UpdatedAt), edition.LastReviewedOn, Terms.License, Terms.Attribution);
    }

    /// <summary>The Markdown of the published snapshot beside the HTML rendered from it at publish time, section by section.</summary>
    private List<ApiSection> Sections(Article article, IEnumerable<RenderedSection> rendered)
    {
        var sources = article.Sections.ToDictionary(s => s.Slug);
        return rendered.Select(r =>
        {
            var source = sources[r.Slug];
            var facts = source.Facts.OrderBy(f => f.Position).Zip(r.Facts, (f, html) => new ApiFact(f.Text, html.Value!)).ToList();
            var causes = source.Causes.OrderBy(c => c.Position).Zip(r.Causes, (c, html) => new ApiCause(c.Title, html.Anchor, c.Description, html.Description.Value!)).ToList();
            return new ApiSection(r.Slug, r.Heading, JsonNamingPolicy.CamelCase.ConvertName(r.Kind.ToString()), site.Absolute($"/articles/{article.Slug}/{r.Slug}"),
                site.Absolute($"{BasePath}/articles/{article.Slug}/sections/{r.Slug}"), source.Body, r.Body.Value!, facts, causes);
        }).ToList();
    }

    private static List<ApiReference> References(IEnumerable<Citation> citations) =>
        citations.OrderBy(c => c.Number).Select(c =>
        {
            List<string> sameAs = [];
            if (c.Doi is not null)
                sameAs.Add($"https://doi.org/{c.Doi}");
            if (c.Pmid is not null)
                sameAs.Add($"https://pubmed.ncbi.nlm.nih.gov/{c.Pmid}/");
            var type = c.Kind switch { CitationKind.Book => "Book", CitationKind.WebPage => "WebPage", _ => "ScholarlyArticle" };
            return new ApiReference(type, c.Number, c.Title, c.Authors.ToString(), c.Source, c.Year, c.Volume, c.Issue, c.Pages, c.Doi, c.Pmid, c.Url,
                c.AccessedOn, sameAs, AmaStyle.Format(c).Value!);
        }).ToList();

    /// <summary>The visible edition at <paramref name="slug"/>, its published content (from the snapshot) and its rendered parts.</summary>
    private async Task<(ReaderEdition Edition, Article Article, RenderedArticle Rendered)?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var edition = await Visible.Where(e => e.Slug == slug).Include(e => e.Topics).SingleOrDefaultAsync(cancellationToken);
        if (edition is null)
            return null;
        var article = ArticleFileReader.ReadStored(ReaderEdition.ReadSnapshot(edition.Snapshot), Now).Article
            ?? throw new InvalidOperationException($"The published snapshot of '{edition.Slug}' cannot be read.");
        return (edition, article, edition.ReadPage());
    }

    public static string ArticleUrl(SiteAddress site, string slug) => site.Absolute($"/articles/{slug}");
    /// <summary>The hero as published: the library image the page shows, else the address typed on the article.</summary>
    private ApiImage? Image(ReaderEdition edition, RenderedArticle rendered) => rendered.Hero is { } hero
        ? new ApiImage(site.Absolute(hero.FallbackUrl), hero.LargestWidth, hero.HeightAt(hero.LargestWidth), hero.Alt, hero.Caption, hero.Credit)
        : edition.HeroImageUrl is { } url ? new ApiImage(url, null, null, edition.HeroImageAlt ?? "", edition.HeroImageCaption, null) : null;

    private string ArticleUrl(string slug) => ArticleUrl(site, slug);

    private string? ProfileUrl(PersonCredit? person) => person?.ProfileSlug is { } slug ? people.ProfileUrl(slug) : null;

    public static string ApiArticleUrl(SiteAddress site, string slug) => site.Absolute($"{BasePath}/articles/{slug}");

    private string TopicArticlesUrl(string slug) => site.Absolute($"{BasePath}/articles{QueryString.Create("topic", slug)}");

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<ReaderEdition> Visible => db.ReaderEditions.AsNoTracking().Where(ReaderEdition.VisibleAt(Now));
}
