using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using GutImmune.BrowserTests.Site;

namespace GutImmune.BrowserTests.Validity;

/// <summary>The machine-readable pages: the sitemap against the sitemaps.org schema, the feed against RFC 4287's rules.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class FeedValidityTests(SiteInChromium site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Sitemap_is_valid_against_the_sitemaps_org_schema()
    {
        var xml = await site.CreateClient().GetStringAsync("/sitemap.xml");
        var schemas = new XmlSchemaSet();
        schemas.Add("http://www.sitemaps.org/schemas/sitemap/0.9", TestPaths.SitemapSchema);
        var errors = new List<string>();

        var document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        document.Validate(schemas, (_, e) => errors.Add($"line {e.Exception?.LineNumber}: {e.Message}"));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(document.Root!.Elements().Count() > 5);
    }

    [Fact]
    public async Task Feed_is_a_valid_atom_document()
    {
        using var response = await site.CreateClient().GetAsync("/feed.xml");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        AssertAtomCore(feed, "feed");
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            AssertAtomCore(entry, "entry");
            Assert.NotNull(entry.Element(Atom + "author")?.Element(Atom + "name"));
            Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            Assert.NotNull(entry.Element(Atom + "summary"));
        }
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    /// <summary>RFC 4287 §4.1.1/4.1.2: exactly one id (an absolute IRI), title and updated (an RFC 3339 date-time).</summary>
    private static void AssertAtomCore(XElement element, string what)
    {
        foreach (var name in new[] { "id", "title", "updated" })
            Assert.True(element.Elements(Atom + name).Count() == 1, $"{what} must have exactly one {name}");
        Assert.True(Uri.IsWellFormedUriString(element.Element(Atom + "id")!.Value, UriKind.Absolute), $"{what} id is not an absolute IRI");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", element.Element(Atom + "updated")!.Value);
        XmlConvert.ToDateTime(element.Element(Atom + "updated")!.Value, XmlDateTimeSerializationMode.Utc);
    }
}
