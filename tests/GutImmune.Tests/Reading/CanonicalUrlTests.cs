using System.Net;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;

namespace GutImmune.Tests.Reading;

/// <summary>
/// Reader pages answer at one address: the output cache's key ignores case, so a page rendered for an odd spelling of
/// its path must never be the one every reader gets.
/// </summary>
public class CanonicalUrlTests(GutImmuneFactory site) : IClassFixture<GutImmuneFactory>
{
    // Each test asks for its own section, so that what one test puts into the output cache does not meet another.
    private const string SectionPath = "/articles/gut-immune-system-connection/interesting-facts";

    private HttpClient Client() =>
        site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<(string? Canonical, string? OgUrl)> LinksAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Upper_case_request_is_redirected_and_leaves_the_cached_page_with_the_lower_case_canonical_link()
    {
        var client = Client();

        var odd = await client.GetAsync(SectionPath.ToUpperInvariant() + "?ref=Mail");
        var normal = await client.GetAsync(SectionPath);

        Assert.Equal(HttpStatusCode.MovedPermanently, odd.StatusCode);
        Assert.Equal(SectionPath + "?ref=Mail", odd.Headers.Location!.OriginalString);
        Assert.Equal(("http://localhost" + SectionPath, "http://localhost" + SectionPath), await LinksAsync(normal));
    }

    [Fact]
    public async Task Upper_case_request_after_the_page_is_cached_is_still_redirected()
    {
        var client = Client();
        const string path = "/articles/gut-immune-system-connection/microbiome-benefits";
        await LinksAsync(await client.GetAsync(path));

        var odd = await client.GetAsync("/ARTICLES/gut-immune-system-connection/Microbiome-Benefits");

        Assert.Equal(HttpStatusCode.MovedPermanently, odd.StatusCode);
        Assert.Equal(path, odd.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/articles/gut-immune-system-connection")]
    [InlineData("/articles/gut-immune-system-connection/points-to-remember")]
    public async Task Article_and_section_pages_name_their_own_path_whatever_the_query(string path)
    {
        var response = await Client().GetAsync(path + "?page=2&ref=Mail");

        Assert.Equal(("http://localhost" + path, "http://localhost" + path), await LinksAsync(response));
    }

    /// <summary>
    /// Rendered for an address with `?page=` (uncached, so this request renders it): a page that has no pages names its
    /// own path, else the page the output cache keeps for every reader would name whatever query rendered it first.
    /// </summary>
    [Theory]
    [InlineData("/editorial-policy")]
    [InlineData("/people")]
    [InlineData("/topics")]
    public async Task Pages_without_pages_name_their_path_without_the_query(string path)
    {
        var response = await site.CreateUncachedClient().GetAsync(path + "?page=2&ref=Mail");

        Assert.Equal(("http://localhost" + path, "http://localhost" + path), await LinksAsync(response));
    }

    [Theory]
    [InlineData("/articles/gut-immune-system-connection/", "/articles/gut-immune-system-connection")]
    [InlineData("/articles/gut-immune-system-connection/introduction/?page=2", "/articles/gut-immune-system-connection/introduction?page=2")]
    [InlineData("/Topics/Gut-Health", "/topics/gut-health")]
    [InlineData("/SEARCH?q=Gut", "/search?q=Gut")]
    [InlineData("/Feed.xml", "/feed.xml")]
    public async Task Reader_paths_with_capitals_or_a_trailing_slash_answer_301_to_the_canonical_path(string requested, string canonical)
    {
        var response = await Client().GetAsync(requested);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    /// <summary>An escape the server cannot decode stays in the path as it came: no slug is spelt so.</summary>
    [Theory]
    [InlineData("/topics/%C0%AE")]
    [InlineData("/topics/%FF")]
    [InlineData("/articles/%C0%AE")]
    [InlineData("/articles/gut-immune-system-connection/%C0%AE")]
    [InlineData("/articles/%C0%AE/introduction")]
    [InlineData("/people/%C0%AE")]
    [InlineData("/%C0%AE")]
    [InlineData("/Topics/%C0%AE/")]
    public async Task A_reader_path_with_an_escape_that_is_not_utf8_is_the_not_found_page_at_once(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("main h1")?.TextContent);
    }

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/css/site.css")]
    [InlineData("/admin/sign-in")]
    [InlineData("/")]
    public async Task Canonical_paths_and_paths_outside_the_reader_pages_are_served_as_before(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync(path)).StatusCode);
    }
}
