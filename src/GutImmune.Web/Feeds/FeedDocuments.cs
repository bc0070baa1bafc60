using System.Text;
using System.Xml;
using GutImmune.Web.Content;

namespace GutImmune.Web.Feeds;

/// <summary>A sitemap entry: an absolute address and when it last changed.</summary>
public sealed record SitemapUrl(string Location, DateTime? LastModified);

/// <summary>An Atom entry, its addresses already absolute.</summary>
public sealed record AtomEntry(string Url, string Title, string Summary, string AuthorName, DateTime Published, DateTime Updated);

/// <summary>
/// The XML documents of the site: sitemaps (sitemaps.org 0.9) and the Atom feed (RFC 4287), written as UTF-8. Every
/// text passes through <see cref="TextCharacters"/>, so a character XML forbids (saved before the editors' forms
/// stripped them, or from anywhere else) is dropped instead of making the document unwritable.
/// </summary>
public static class FeedDocuments
{
    public const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static byte[] SitemapIndex(IEnumerable<SitemapUrl> sitemaps) => Write(writer =>
    {
        writer.WriteStartElement("sitemapindex", SitemapNamespace);
        foreach (var sitemap in sitemaps)
            Location(writer, "sitemap", sitemap);
        writer.WriteEndElement();
    });

    public static byte[] Sitemap(IEnumerable<SitemapUrl> urls) => Write(writer =>
    {
        writer.WriteStartElement("urlset", SitemapNamespace);
        foreach (var url in urls)
            Location(writer, "url", url);
        writer.WriteEndElement();
    });

    public static byte[] Atom(string siteUrl, string feedUrl, DateTime updated, IEnumerable<AtomEntry> entries) => Write(writer =>
    {
        writer.WriteStartElement("feed", AtomNamespace);
        Text(writer, "id", siteUrl);
        Text(writer, "title", Reading.SiteAddress.SiteName);
        Text(writer, "subtitle", "Health articles with their evidence");
        Text(writer, "updated", W3cDate(updated));
        Link(writer, feedUrl, "self", "application/atom+xml");
        Link(writer, siteUrl, "alternate", "text/html");
        writer.WriteStartElement("author", AtomNamespace);
        Text(writer, "name", Reading.SiteAddress.SiteName);
        writer.WriteEndElement();
        foreach (var entry in entries)
        {
            writer.WriteStartElement("entry", AtomNamespace);
            Text(writer, "id", entry.Url);
            Text(writer, "title", entry.Title);
            Text(writer, "published", W3cDate(entry.Published));
            Text(writer, "updated", W3cDate(entry.Updated));
            writer.WriteStartElement("author", AtomNamespace);
            Text(writer, "name", entry.AuthorName);
            writer.WriteEndElement();
            Link(writer, entry.Url, "alternate", "text/html");
            Text(writer, "summary", entry.Summary);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    private static void Location(XmlWriter writer, string element, SitemapUrl url)
    {
        writer.WriteStartElement(element, SitemapNamespace);
        writer.WriteElementString("loc", SitemapNamespace, TextCharacters.WithoutForbidden(url.Location));
        if (url.LastModified is { } at)
            writer.WriteElementString("lastmod", SitemapNamespace, W3cDate(at));
        writer.WriteEndElement();
    }

    private static void Text(XmlWriter writer, string element, string text) =>
        writer.WriteElementString(element, AtomNamespace, TextCharacters.WithoutForbidden(text));

    private static void Link(XmlWriter writer, string href, string rel, string type)
    {
        writer.WriteStartElement("link", AtomNamespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", TextCharacters.WithoutForbidden(href));
        writer.WriteEndElement();
    }

    private static string W3cDate(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static byte[] Write(Action<XmlWriter> write)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
            write(writer);
        return output.ToArray();
    }
}
