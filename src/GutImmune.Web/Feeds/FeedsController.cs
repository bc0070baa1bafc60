using GutImmune.Web.Caching;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Feeds;

/// <summary>/sitemap.xml (sitemaps.org 0.9), /feed.xml (Atom, RFC 4287) and /robots.txt, from what readers may see.</summary>
public class FeedsController(ArticleReader reader, SiteAddress site, TimeProvider clock, IOptions<FeedOptions> options) : Controller
{
    public const int FeedEntries = 20;

    private int ArticlesPerSitemap => options.Value.ArticlesPerSitemap;

    /// <summary>The sitemap; a site with more articles than fit one file gets a sitemap index of numbered sitemaps.</summary>
    [HttpGet("/sitemap.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Sitemap(CancellationToken cancellationToken)
    {
        var size = await reader.GetSitemapSizeAsync(cancellationToken);
        if (size.Articles <= ArticlesPerSitemap)
            return await SitemapPageCoreAsync(1, cancellationToken);

        var pages = (size.Articles + ArticlesPerSitemap - 1) / ArticlesPerSitemap;
        var sitemaps = Enumerable.Range(1, pages).Select(page => new SitemapUrl(site.Absolute($"/sitemaps/{page}.xml"), size.NewestUpdate));
        return Xml(FeedDocuments.SitemapIndex(sitemaps), "application/xml");
    }

    [HttpGet("/sitemaps/{page:int:min(1)}.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public Task<IActionResult> SitemapPage(int page, CancellationToken cancellationToken) => SitemapPageCoreAsync(page, cancellationToken);

    private async Task<IActionResult> SitemapPageCoreAsync(int page, CancellationToken cancellationToken)
    {
        if (page > int.MaxValue / ArticlesPerSitemap)
            return NotFound(); // no such sitemap, and its offset would overflow
        var articles = await reader.GetSitemapArticlesAsync(page, ArticlesPerSitemap, cancellationToken);
        if (articles.Count == 0 && page > 1)
            return NotFound();

        var urls = new List<SitemapUrl>();
        if (page == 1)
        {
            var newest = articles.Count == 0 ? (DateTime?)null : articles.Max(a => a.UpdatedAt);
            urls.Add(new(site.Absolute("/"), newest));
            urls.Add(new(site.Absolute("/topics"), newest));
            urls.AddRange((await reader.GetSitemapTopicsAsync(cancellationToken)).Select(t => new SitemapUrl(site.Absolute($"/topics/{t.Slug}"), t.UpdatedAt)));
        }
        foreach (var article in articles)
        {
            urls.Add(new(site.Absolute($"/articles/{article.Slug}"), article.UpdatedAt));
            urls.AddRange(article.SectionSlugs.Select(section => new SitemapUrl(site.Absolute($"/articles/{article.Slug}/{section}"), article.UpdatedAt)));
        }
        return Xml(FeedDocuments.Sitemap(urls), "application/xml");
    }

    [HttpGet("/feed.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Feed(CancellationToken cancellationToken)
    {
        var entries = await reader.GetFeedEntriesAsync(FeedEntries, cancellationToken);
        var updated = entries.Count == 0 ? clock.GetUtcNow().UtcDateTime : entries.Max(e => e.UpdatedAt);
        var atom = entries.Select(e => new AtomEntry(site.Absolute($"/articles/{e.Slug}"), e.Title, e.Summary, e.AuthorName, e.PublishedAt, e.UpdatedAt));
        return Xml(FeedDocuments.Atom(site.Absolute("/"), site.Absolute("/feed.xml"), updated, atom), "application/atom+xml");
    }

    [HttpGet("/robots.txt")]
    public ContentResult Robots() => Content(
        $"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /search\n\nSitemap: {site.Absolute("/sitemap.xml")}\n",
        "text/plain; charset=utf-8");

    private FileContentResult Xml(byte[] document, string contentType) => File(document, $"{contentType}; charset=utf-8");
}
