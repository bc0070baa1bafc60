using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;

namespace GutImmune.Tests.Reading;

public class TopicAndMetadataTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    private async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Article_shows_its_topics_and_each_topic_page_lists_it()
    {
        var article = await GetAsync(ArticleUrl);
        var topics = article.QuerySelectorAll(".topics a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();

        Assert.Equal([("Gut health", "/topics/gut-health"), ("Immune system", "/topics/immune-system"), ("Microbiome", "/topics/microbiome")], topics);
        foreach (var (_, href) in topics)
            Assert.Contains((await GetAsync(href!)).QuerySelectorAll(".article-list a"), a => a.GetAttribute("href") == ArticleUrl);
        var index = await GetAsync("/topics");
        Assert.Equal(["Gut health", "Immune system", "Microbiome"], index.QuerySelectorAll(".topic-list a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Unknown_topic_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/topics/no-such-topic")).StatusCode);
    }

    [Fact]
    public async Task Article_page_carries_canonical_url_open_graph_and_a_description()
    {
        var page = await GetAsync(ArticleUrl);

        Assert.Equal("http://localhost" + ArticleUrl, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal("The Gut-Immune System Connection", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.StartsWith("The digestive system", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Article_page_describes_itself_as_a_schema_org_medical_web_page()
    {
        var page = await GetAsync(ArticleUrl);

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal("MedicalWebPage", root.GetProperty("@type").GetString());
        Assert.Equal("Dr. Group", root.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(9, root.GetProperty("citation").GetArrayLength());
        Assert.Equal("Allergy and the gastrointestinal system", root.GetProperty("citation")[0].GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("about").GetArrayLength());
        Assert.True(root.TryGetProperty("datePublished", out _));
        Assert.True(root.TryGetProperty("dateModified", out _));
    }

    [Fact]
    public async Task Article_shows_reading_time_cite_this_page_and_review_dates_at_its_foot()
    {
        var page = await GetAsync(ArticleUrl);

        Assert.Matches(@"\d+ min read", page.QuerySelector(".byline")!.TextContent);
        var cite = page.QuerySelector(".cite-this-page")!.TextContent;
        Assert.Contains("Dr. Group. The Gut-Immune System Connection. GutImmune. Published", cite);
        Assert.Contains("http://localhost" + ArticleUrl, cite);
        Assert.Contains("Page last reviewed", page.QuerySelector("footer.review-dates")!.TextContent);
    }

    [Theory]
    [InlineData("/cite.bib", "@misc{gutimmune-gut-immune-system-connection,")]
    [InlineData("/cite.ris", "TY  - ELEC")]
    [InlineData("/references.bib", "@article{gut-immune-system-connection-ref1,")]
    [InlineData("/references.ris", "TI  - Allergy and the gastrointestinal system")]
    public async Task Citations_download_for_reference_managers(string path, string expected)
    {
        var response = await factory.CreateClient().GetAsync(ArticleUrl + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reference_list_downloads_hold_every_reference()
    {
        var ris = await factory.CreateClient().GetStringAsync(ArticleUrl + "/references.ris");
        var bib = await factory.CreateClient().GetStringAsync(ArticleUrl + "/references.bib");

        Assert.Equal(9, ris.Split("ER  - ").Length - 1);
        Assert.Equal(9, bib.Split("\n@").Length);
        Assert.Contains("pages = {1262--1267}", bib);
        Assert.Contains("@book{gut-immune-system-connection-ref3,", bib);
    }

    [Fact]
    public async Task Robots_allows_readers_pages_and_points_at_the_sitemap()
    {
        var robots = await factory.CreateClient().GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /admin", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task Sitemap_lists_every_article_section_and_topic()
    {
        var sitemap = System.Xml.Linq.XDocument.Parse(await factory.CreateClient().GetStringAsync("/sitemap.xml"));
        var ns = System.Xml.Linq.XNamespace.Get("http://www.sitemaps.org/schemas/sitemap/0.9");
        var locations = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();

        Assert.Contains("http://localhost" + ArticleUrl, locations);
        Assert.Contains("http://localhost" + ArticleUrl + "/causes-of-gut-imbalance", locations);
        Assert.Contains("http://localhost/topics/microbiome", locations);
        Assert.All(sitemap.Descendants(ns + "url"), url => Assert.NotNull(url.Element(ns + "lastmod")));
    }
}

/// <summary>A site with more articles than one sitemap file holds gets a sitemap index (small files here to keep the test quick).</summary>
public class SitemapIndexTests : IClassFixture<SitemapIndexTests.SmallSitemaps>
{
    public sealed class SmallSitemaps : GutImmuneFactory
    {
        public SmallSitemaps() => Settings["Feeds:ArticlesPerSitemap"] = "1";
    }

    private readonly SmallSitemaps _site;

    public SitemapIndexTests(SmallSitemaps site) => _site = site;

    [Fact]
    public async Task Large_site_gets_a_sitemap_index_whose_files_list_every_article()
    {
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(_site.Services))
        {
            var editor = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GutImmune.Web.Editing.ArticleEditor>(scope.ServiceProvider);
            await editor.CreateAsync(new GutImmune.Web.Content.Article
            {
                Slug = "synthetic-second", Title = "Synthetic second", Summary = "Synthetic.", AuthorName = "Test",
                Status = GutImmune.Web.Content.ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
                Sections = [new GutImmune.Web.Content.Section { Slug = "s", Heading = "S", Body = "Synthetic." }],
            }, "Synthetic", default);
        }
        var client = _site.CreateClient();
        var ns = System.Xml.Linq.XNamespace.Get("http://www.sitemaps.org/schemas/sitemap/0.9");

        var index = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));

        Assert.Equal(ns + "sitemapindex", index.Root!.Name);
        var files = index.Descendants(ns + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();
        Assert.Equal(["/sitemaps/1.xml", "/sitemaps/2.xml"], files);
        var locations = new List<string>();
        foreach (var file in files)
            locations.AddRange(System.Xml.Linq.XDocument.Parse(await client.GetStringAsync(file)).Descendants(ns + "loc").Select(l => l.Value));
        Assert.Contains("http://localhost/articles/gut-immune-system-connection", locations);
        Assert.Contains("http://localhost/articles/synthetic-second", locations);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/3.xml")).StatusCode);
    }
}

/// <summary>Related articles, on a site of their own: the articles made here file themselves under topics of their own.</summary>
/// <summary>In a site of its own: it adds a topic, which the other classes' topic index would show.</summary>
public class UnpublishedTopicTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task A_topic_only_unpublished_articles_are_filed_under_is_a_404_until_one_is_published()
    {
        await SyntheticArticles.CreateAsync(factory, "topic-draft", "Draft", ArticleStatus.Draft, null, ["topic-not-yet-public"]);
        await SyntheticArticles.CreateAsync(factory, "topic-in-review", "In review", ArticleStatus.InReview, null, ["topic-not-yet-public"]);
        await SyntheticArticles.CreateAsync(factory, "topic-scheduled", "Scheduled", ArticleStatus.Published, DateTime.UtcNow.AddDays(1), ["topic-not-yet-public"]);
        await SyntheticArticles.CreateAsync(factory, "topic-unpublished", "Unpublished", ArticleStatus.Unpublished, DateTime.UtcNow.AddDays(-1), ["topic-not-yet-public"]);

        var hidden = await factory.CreateClient().GetAsync("/topics/topic-not-yet-public");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("topic-not-yet-public", await hidden.Content.ReadAsStringAsync());

        await SyntheticArticles.CreateAsync(factory, "topic-published", "Published", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), ["topic-not-yet-public"]);
        var published = await factory.CreateClient().GetAsync("/topics/topic-not-yet-public");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var page = new HtmlParser().ParseDocument(await published.Content.ReadAsStringAsync());
        Assert.Equal(["/articles/topic-published"], page.QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")));
    }
}

public class RelatedArticlesTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<IReadOnlyList<string>> RelatedOnPageAsync(string slug)
    {
        var response = await factory.CreateClient().GetAsync($"/articles/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelectorAll("aside.related .article-list a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public async Task Article_shows_up_to_three_related_articles_most_shared_topics_first_and_only_those_readers_may_see()
    {
        var now = DateTime.UtcNow;
        string[] all = ["rel-alpha", "rel-beta", "rel-gamma"];
        await SyntheticArticles.CreateAsync(factory, "rel-main", "Main", ArticleStatus.Published, now.AddDays(-10), all);
        // Sharing more topics ranks first even when older; among equals the newest comes first.
        await SyntheticArticles.CreateAsync(factory, "rel-three-shared", "Three shared", ArticleStatus.Published, now.AddDays(-5), all);
        await SyntheticArticles.CreateAsync(factory, "rel-two-shared", "Two shared", ArticleStatus.Published, now.AddDays(-4), ["rel-alpha", "rel-beta"]);
        await SyntheticArticles.CreateAsync(factory, "rel-one-shared-new", "One shared, new", ArticleStatus.Published, now.AddDays(-1), ["rel-gamma"]);
        await SyntheticArticles.CreateAsync(factory, "rel-one-shared-old", "One shared, old", ArticleStatus.Published, now.AddDays(-3), ["rel-alpha"]);
        await SyntheticArticles.CreateAsync(factory, "rel-unrelated", "Unrelated", ArticleStatus.Published, now.AddDays(-1), ["rel-other"]);
        // Share every topic, but readers may not see them.
        await SyntheticArticles.CreateAsync(factory, "rel-draft", "Draft", ArticleStatus.Draft, null, all);
        await SyntheticArticles.CreateAsync(factory, "rel-in-review", "In review", ArticleStatus.InReview, null, all);
        await SyntheticArticles.CreateAsync(factory, "rel-scheduled", "Scheduled", ArticleStatus.Published, now.AddDays(1), all);
        await SyntheticArticles.CreateAsync(factory, "rel-unpublished", "Unpublished", ArticleStatus.Unpublished, now.AddDays(-2), all);

        Assert.Equal(["/articles/rel-three-shared", "/articles/rel-two-shared", "/articles/rel-one-shared-new"], await RelatedOnPageAsync("rel-main"));
        Assert.Equal(["/articles/rel-main", "/articles/rel-two-shared", "/articles/rel-one-shared-new"], await RelatedOnPageAsync("rel-three-shared"));
        Assert.Empty(await RelatedOnPageAsync("rel-unrelated"));
    }
}
