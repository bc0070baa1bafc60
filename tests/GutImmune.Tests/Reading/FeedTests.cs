using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Reading;

/// <summary>The feed and the sitemap are well-formed UTF-8 XML whatever characters editors typed or files held.</summary>
public class FeedTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Characters XML 1.0 forbids (C0 controls, Word's manual line break U+000B, a non-character).</summary>
    private const string Forbidden = "\u0001\u000B\u001F\uFFFE";

    /// <summary>Controls that make text display in another order than it is stored (an override, an isolate and its end).</summary>
    private const string Reordering = "\u202E\u2066\u2069";


    /// <summary>Fetches an XML document the way a feed reader does: 200, then parsed from its bytes (which honours the declared encoding).</summary>
    public static async Task<XDocument> GetXmlAsync(GutImmuneFactory site, string path)
    {
        var response = await site.CreateClient().GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(bytes)); // and no byte-order mark
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    private static XElement EntryTitled(XDocument feed, string title) =>
        feed.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == title);

    [Fact]
    public async Task Form_save_drops_characters_xml_forbids_and_the_feed_and_sitemap_stay_valid()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        var adminUrl = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new()
        {
            ["Title"] = $"The Gut-Immune System{Forbidden} Connection",
            ["Summary"] = $"How the gut{Forbidden} trains the immune system.",
            ["AuthorName"] = $"Dr.{Forbidden} Group",
        }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var feed = await GetXmlAsync(factory, "/feed.xml");
        var entry = EntryTitled(feed, "The Gut-Immune System Connection");
        Assert.Equal("How the gut trains the immune system.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal("Dr. Group", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        await GetXmlAsync(factory, "/sitemap.xml");
    }

    [Fact]
    public async Task Import_drops_characters_xml_forbids_and_those_that_reorder_text_and_the_feed_and_sitemap_stay_valid()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Reviewer);
        var file = new JsonObject
        {
            ["slug"] = "forbidden-characters",
            ["title"] = $"Forbidden{Forbidden}{Reordering} characters",
            ["summary"] = $"A summary{Forbidden}{Reordering} with them.",
            ["author"] = new JsonObject { ["name"] = $"Imported{Forbidden}{Reordering} Author" },
            ["status"] = "published",
            ["publishedAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("O"),
            // U+FFFE in a topic name made the slug's Unicode normalization throw: 500.
            ["topics"] = new JsonArray($"Forbidden{Forbidden}{Reordering} topic"),
            ["sections"] = new JsonArray(new JsonObject
            {
                ["slug"] = "only", ["heading"] = $"Only{Forbidden}{Reordering} section", ["kind"] = "prose", ["body"] = $"Text{Forbidden}{Reordering} of it.[1]",
            }),
            ["citations"] = new JsonArray(new JsonObject { ["number"] = 1, ["authors"] = $"Author{Forbidden}{Reordering} A", ["title"] = $"A{Forbidden}{Reordering} title" }),
        };

        var imported = await editor.ImportAsync("forbidden.json", file.ToJsonString());
        await StaffSession.AssertRedirectedAsync(imported);
        await editor.ReviewAndPublishAsync(imported.Headers.Location!.OriginalString); // a file never publishes by itself

        var entry = EntryTitled(await GetXmlAsync(factory, "/feed.xml"), "Forbidden characters");
        Assert.Equal("A summary with them.", entry.Element(Atom + "summary")!.Value);
        Assert.Equal("Imported Author", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var sitemap = await GetXmlAsync(factory, "/sitemap.xml");
        Assert.Contains(sitemap.Descendants(), e => e.Name.LocalName == "loc" && e.Value.EndsWith("/articles/forbidden-characters/only"));
        var stored = await factory.WithServiceAsync<GutImmuneDbContext, List<string>>(db => db.Citations.Where(c => c.Title == "A title").Select(c => c.AuthorNames).SingleAsync());
        Assert.Equal(["Author A"], stored);
    }
}

/// <summary>Text stored before the forms dropped forbidden characters (or put there by any other means) cannot break the feed or the sitemap.</summary>
public class FeedWriterTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Feed_and_sitemap_stay_valid_when_stored_text_holds_characters_xml_forbids()
    {
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.ReaderEditions.Where(a => a.Slug == "gut-immune-system-connection")
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Stored\u0001 title").SetProperty(x => x.Summary, "Stored\u000B summary")
                .SetProperty(x => x.AuthorName, "Stored\u0008 author")));

        var feed = await FeedTests.GetXmlAsync(factory, "/feed.xml");
        await FeedTests.GetXmlAsync(factory, "/sitemap.xml");

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(feed.Descendants(atom + "entry"));
        Assert.Equal("Stored title", entry.Element(atom + "title")!.Value);
        Assert.Equal("Stored summary", entry.Element(atom + "summary")!.Value);
        Assert.Equal("Stored author", entry.Element(atom + "author")!.Element(atom + "name")!.Value);
    }
}

/// <summary>A topic's date in the sitemap is that of the newest article readers can see in it, on a clock the test controls.</summary>
public class SitemapTopicDateTests : IClassFixture<SitemapTopicDateTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly ClockedSite _site;

    public SitemapTopicDateTests(ClockedSite site) => _site = site;

    private async Task<string> LastModifiedAsync(string path)
    {
        var sitemap = await FeedTests.GetXmlAsync(_site, "/sitemap.xml");
        return sitemap.Descendants(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value == "http://localhost" + path)
            .Element(Sitemap + "lastmod")!.Value;
    }

    private Task CreateAsync(string slug, ArticleStatus status, DateTime? publishedAt) =>
        _site.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
        {
            Slug = slug, Title = slug, Summary = "Not for readers yet.", AuthorName = "Test", Status = status, PublishedAt = publishedAt,
            Topics = [new Topic { Slug = "microbiome", Name = "Microbiome" }],
            Sections = [new Section { Slug = "s", Heading = "S", Body = "Synthetic." }],
        }, "Test", default));

    [Fact]
    public async Task Topic_lastmod_ignores_newer_drafts_unpublished_and_scheduled_articles_in_that_topic()
    {
        var article = await LastModifiedAsync("/articles/gut-immune-system-connection");
        Assert.Equal(article, await LastModifiedAsync("/topics/microbiome"));

        _site.Clock.Advance(TimeSpan.FromDays(2));
        var now = _site.Clock.GetUtcNow().UtcDateTime;
        await CreateAsync("newer-draft", ArticleStatus.Draft, null);
        await CreateAsync("newer-unpublished", ArticleStatus.Unpublished, now.AddDays(-1));
        await CreateAsync("newer-scheduled", ArticleStatus.Published, now.AddDays(1));

        Assert.Equal(article, await LastModifiedAsync("/topics/microbiome"));
    }
}
