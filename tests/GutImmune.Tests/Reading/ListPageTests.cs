using System.Net;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Reading;

namespace GutImmune.Tests.Reading;

/// <summary>
/// The reader's paged lists (home, topic pages, search, the HTML sitemap) have the pages their items fill: any other
/// `?page=` is the site's not-found page, never an empty list under a canonical link that keeps the odd number.
/// </summary>
public class ListPageTests(GutImmuneFactory site) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("/?page=2")]
    [InlineData("/?page=99")]
    [InlineData("/?page=0")]
    [InlineData("/?page=-1")]
    [InlineData("/?page=abc")]
    [InlineData("/?page=99999999999")]
    [InlineData("/?page=2147483647")]
    [InlineData("/topics/immune-system?page=2")]
    [InlineData("/topics/immune-system?page=0")]
    [InlineData("/topics/immune-system?page=x")]
    [InlineData("/search?q=gut&page=2")]
    [InlineData("/search?q=gut&page=1000")]
    [InlineData("/search?q=gut&page=-3")]
    [InlineData("/search?page=2")]
    [InlineData("/sitemap?page=2")]
    [InlineData("/sitemap?page=zero")]
    // Written as the pager writes it: a number spelt otherwise names no page either.
    [InlineData("/?page=01")]
    [InlineData("/?page=0x1")]
    [InlineData("/?page=0X1")]
    [InlineData("/?page=+1")]
    [InlineData("/?page=%2B1")]
    [InlineData("/?page=%201")]
    [InlineData("/?page=1%20")]
    [InlineData("/?page=%091")]
    [InlineData("/?page=1%0A")]
    [InlineData("/?page=1%00")]
    [InlineData("/?page=%C2%A01")]
    [InlineData("/?page=%D9%A1")]
    [InlineData("/?page=1.0")]
    [InlineData("/topics/immune-system?page=01")]
    [InlineData("/search?q=gut&page=%201")]
    [InlineData("/sitemap?page=0x1")]
    public async Task A_page_number_that_names_no_page_of_the_list_is_not_found(string url)
    {
        // Twice: the second answer may come from the output cache.
        foreach (var _ in new[] { 1, 2 })
        {
            var response = await site.CreateClient().GetAsync(url);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal("Page not found", page.QuerySelector("main h1")?.TextContent);
            Assert.Null(page.QuerySelector("link[rel=canonical]"));
        }
    }

    [Theory]
    [InlineData("/?page=1&page=2", "page", "/?page=1")]
    [InlineData("/?page=1&page=1", "page", "/?page=1")]
    [InlineData("/?page=2&PAGE=1", "page", "/?page=2")]
    [InlineData("/?page=abc&page=1", "page", "/?page=abc")]
    [InlineData("/topics/immune-system?page=1&page=2", "page", "/topics/immune-system?page=1")]
    [InlineData("/search?q=xylophonezebra&page=1&page=1", "page", "/search?q=xylophonezebra&page=1")]
    [InlineData("/search?q=a&utm_source=x&q=b", "q", "/search?q=a&utm_source=x")]
    [InlineData("/sitemap?page=1&page=2", "page", "/sitemap?page=1")]
    public async Task A_query_key_given_twice_is_a_bad_request_that_links_to_the_page_with_its_first_value(string url, string key, string oneValue)
    {
        // Twice: the second answer may come from the output cache.
        foreach (var _ in new[] { 1, 2 })
        {
            var response = await site.CreateClient().GetAsync(url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal($"This address gives “{key}” more than once", page.QuerySelector("main h1")?.TextContent);
            Assert.Contains($"Given twice: send {key} once.", page.QuerySelector("main")!.TextContent);
            Assert.Equal(oneValue, page.QuerySelector("main p a")?.GetAttribute("href"));
            Assert.Null(page.QuerySelector("link[rel=canonical]"));
            Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        }
    }

    [Theory]
    [InlineData("/", "http://localhost/")]
    [InlineData("/?page=1", "http://localhost/")]
    [InlineData("/?PAGE=1", "http://localhost/")]
    // Empty, as the output cache's key takes it too (a cached first page answered it, an uncached one 404).
    [InlineData("/?page=", "http://localhost/")]
    [InlineData("/?page", "http://localhost/")]
    [InlineData("/topics/immune-system?page=", "http://localhost/topics/immune-system")]
    [InlineData("/topics/immune-system?page=1", "http://localhost/topics/immune-system")]
    [InlineData("/sitemap?page=1", "http://localhost/sitemap")]
    public async Task The_first_page_of_a_list_is_found_and_named_without_its_number(string url, string canonical)
    {
        var response = await site.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(canonical, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=xylophonezebra")]
    [InlineData("/search?q=xylophonezebra&page=1")]
    public async Task The_first_page_of_an_empty_list_is_still_a_page(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_page_number_past_the_end_of_a_list_is_not_found_and_says_how_many_pages_it_has_with_links_to_its_last_and_first()
    {
        using var paged = new GutImmuneFactory();
        // 21 in a topic (2 pages of 20), found by one word (3 pages of 10 results); the home page lists them and the seed article.
        for (var i = 0; i <= ArticleReader.PageSize; i++)
            await SyntheticArticles.CreateAsync(paged, $"synthetic-end-{i:D2}", $"Synthetic end {i:D2}", ArticleStatus.Published,
                DateTime.UtcNow.AddMinutes(-1), ["synthetic-end-topic"], "The okapiword is here.");
        var client = paged.CreateClient();
        (string Url, int Asked, int Pages, string? Last, string First)[] cases =
        [
            ("/?page=999", 999, 2, "/?page=2", "/"),
            ("/?page=3", 3, 2, "/?page=2", "/"),
            ("/?page=2147483647", 2147483647, 2, "/?page=2", "/"),
            ("/topics/synthetic-end-topic?page=999", 999, 2, "/topics/synthetic-end-topic?page=2", "/topics/synthetic-end-topic"),
            ("/search?q=okapiword&page=999", 999, 3, "/search?q=okapiword&page=3", "/search?q=okapiword"),
            ("/search?q=okapiword&page=4", 4, 3, "/search?q=okapiword&page=3", "/search?q=okapiword"),
            ("/search?q=xylophonezebra&page=2", 2, 1, null, "/search?q=xylophonezebra"),
            ("/sitemap?page=999", 999, 1, null, "/sitemap"),
        ];
        foreach (var (url, asked, pages, last, first) in cases)
            // Twice: the second answer may come from the output cache.
            foreach (var _ in new[] { 1, 2 })
            {
                var response = await client.GetAsync(url);

                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                var main = page.QuerySelector("main")!;
                Assert.Equal("Page not found", main.QuerySelector("h1")?.TextContent);
                Assert.Contains($"There is no page {asked} of this list; it has {pages} {(pages == 1 ? "page" : "pages")}.", main.TextContent);
                List<(string, string?)> expected = last is null ? [("Its first page", first)] : [($"Its last page, page {pages}", last), ("Its first page", first)];
                Assert.Equal(expected, main.QuerySelectorAll("li a").Select(a => (a.TextContent, a.GetAttribute("href"))));
                Assert.Null(page.QuerySelector("link[rel=canonical]"));
                if (last is not null)
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(last)).StatusCode);
            }
    }

    [Fact]
    public async Task The_previous_page_link_of_page_two_is_the_first_page_s_own_address()
    {
        using var paged = new GutImmuneFactory();
        for (var i = 0; i <= ArticleReader.PageSize; i++)
            await SyntheticArticles.CreateAsync(paged, $"synthetic-pager-{i:D2}", $"Synthetic pager {i:D2}", ArticleStatus.Published,
                DateTime.UtcNow.AddMinutes(-1), ["synthetic-pager-topic"]);
        var client = paged.CreateClient();

        async Task<(string? Previous, string? Next)> PagerLinksAsync(string url)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            return (page.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href"), page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href"));
        }

        Assert.Equal((null, "/?page=2"), await PagerLinksAsync("/"));
        Assert.Equal(("/", null), await PagerLinksAsync("/?page=2"));
        Assert.Equal((null, "/topics/synthetic-pager-topic?page=2"), await PagerLinksAsync("/topics/synthetic-pager-topic"));
        Assert.Equal(("/topics/synthetic-pager-topic", null), await PagerLinksAsync("/topics/synthetic-pager-topic?page=2"));
    }
}
