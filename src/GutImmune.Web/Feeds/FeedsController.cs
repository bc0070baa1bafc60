using System.Text;
using System.Xml;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Feeds;

/// <summary>/sitemap.xml (sitemaps.org 0.9), /feed.xml (Atom, RFC 4287) and /robots.txt, from what readers may see.</summary>
public class FeedsController(GutImmuneDbContext db, SiteAddress site, TimeProvider clock, IConfiguration configuration) : Controller
{
    public const int FeedEntries = 20;
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private IQueryable<Article> Visible => db.Articles.AsNoTracking().Where(Article.VisibleToReadersAt(clock.GetUtcNow().UtcDateTime));

    /// <summary>Articles per sitemap file (`Feeds:ArticlesPerSitemap`): with their sections far below the protocol's 50,000 URLs.</summary>
    private int ArticlesPerSitemap => Math.Max(1, configuration.GetValue("Feeds:ArticlesPerSitemap", 1000));

    /// <summary>The sitemap; a site with more articles than fit one file gets a sitemap index of numbered sitemaps.</summary>
    [HttpGet("/sitemap.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Sitemap(CancellationToken cancellationToken)
    {
        var count = await Visible.CountAsync(cancellationToken);
        if (count <= ArticlesPerSitemap)
            return await SitemapPageCoreAsync(1, cancellationToken);

        var pages = (count + ArticlesPerSitemap - 1) / ArticlesPerSitemap;
        var newest = await Visible.MaxAsync(a => a.UpdatedAt, cancellationToken);
        return Xml(writer =>
        {
            writer.WriteStartElement("sitemapindex", SitemapNamespace);
            for (var page = 1; page <= pages; page++)
            {
                writer.WriteStartElement("sitemap", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, site.Absolute($"/sitemaps/{page}.xml"));
                writer.WriteElementString("lastmod", SitemapNamespace, W3cDate(newest));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }, "application/xml");
    }

    [HttpGet("/sitemaps/{page:int:min(1)}.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public Task<IActionResult> SitemapPage(int page, CancellationToken cancellationToken) => SitemapPageCoreAsync(page, cancellationToken);

    private async Task<IActionResult> SitemapPageCoreAsync(int page, CancellationToken cancellationToken)
    {
        if (page > int.MaxValue / ArticlesPerSitemap)
            return NotFound(); // no such sitemap, and its offset would overflow
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = await Visible.OrderBy(a => a.Id).Skip((page - 1) * ArticlesPerSitemap).Take(ArticlesPerSitemap)
            .Select(a => new { a.Slug, a.UpdatedAt, Sections = a.Sections.OrderBy(s => s.Position).Select(s => s.Slug).ToList() })
            .ToListAsync(cancellationToken);
        if (articles.Count == 0 && page > 1)
            return NotFound();
        var topics = page > 1 ? [] : await db.Topics.AsNoTracking()
            .Where(t => t.Articles.AsQueryable().Any(Article.VisibleToReadersAt(now)))
            .Select(t => new { t.Slug, Updated = t.Articles.Max(a => a.UpdatedAt) }).ToListAsync(cancellationToken);
        var newest = articles.Count == 0 ? (DateTime?)null : articles.Max(a => a.UpdatedAt);

        return Xml(writer =>
        {
            writer.WriteStartElement("urlset", SitemapNamespace);
            void Url(string path, DateTime? lastModified)
            {
                writer.WriteStartElement("url", SitemapNamespace);
                writer.WriteElementString("loc", SitemapNamespace, site.Absolute(path));
                if (lastModified is { } at)
                    writer.WriteElementString("lastmod", SitemapNamespace, W3cDate(at));
                writer.WriteEndElement();
            }
            if (page == 1)
            {
                Url("/", newest);
                Url("/topics", newest);
                foreach (var topic in topics)
                    Url($"/topics/{topic.Slug}", topic.Updated);
            }
            foreach (var article in articles)
            {
                Url($"/articles/{article.Slug}", article.UpdatedAt);
                foreach (var section in article.Sections)
                    Url($"/articles/{article.Slug}/{section}", article.UpdatedAt);
            }
            writer.WriteEndElement();
        }, "application/xml");
    }

    [HttpGet("/feed.xml")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Feed(CancellationToken cancellationToken)
    {
        var entries = await Visible.OrderByDescending(a => a.PublishedAt).Take(FeedEntries)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.AuthorName, a.PublishedAt, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        var updated = entries.Count == 0 ? clock.GetUtcNow().UtcDateTime : entries.Max(e => e.UpdatedAt);

        return Xml(writer =>
        {
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, site.Absolute("/"));
            writer.WriteElementString("title", AtomNamespace, SiteAddress.SiteName);
            writer.WriteElementString("subtitle", AtomNamespace, "Health articles with their evidence");
            writer.WriteElementString("updated", AtomNamespace, W3cDate(updated));
            Link(writer, site.Absolute("/feed.xml"), "self", "application/atom+xml");
            Link(writer, site.Absolute("/"), "alternate", "text/html");
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, SiteAddress.SiteName);
            writer.WriteEndElement();
            foreach (var entry in entries)
            {
                var url = site.Absolute($"/articles/{entry.Slug}");
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, url);
                writer.WriteElementString("title", AtomNamespace, entry.Title);
                writer.WriteElementString("published", AtomNamespace, W3cDate(entry.PublishedAt!.Value));
                writer.WriteElementString("updated", AtomNamespace, W3cDate(entry.UpdatedAt));
                writer.WriteStartElement("author", AtomNamespace);
                writer.WriteElementString("name", AtomNamespace, entry.AuthorName);
                writer.WriteEndElement();
                Link(writer, url, "alternate", "text/html");
                writer.WriteElementString("summary", AtomNamespace, entry.Summary);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }, "application/atom+xml");
    }

    [HttpGet("/robots.txt")]
    public ContentResult Robots() => Content(
        $"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /search\n\nSitemap: {site.Absolute("/sitemap.xml")}\n",
        "text/plain; charset=utf-8");

    private static void Link(XmlWriter writer, string href, string rel, string type)
    {
        writer.WriteStartElement("link", AtomNamespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string W3cDate(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private ContentResult Xml(Action<XmlWriter> write, string contentType)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
            write(writer);
        // XmlWriter over a StringBuilder declares utf-16; the response is UTF-8.
        return Content(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), $"{contentType}; charset=utf-8");
    }
}
