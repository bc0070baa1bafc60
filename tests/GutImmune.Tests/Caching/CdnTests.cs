using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Caching;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A CDN in front of the site may keep anonymous reader pages, feeds and the sitemap for a short while, knows what
/// each shows (surrogate keys, the output cache's tags) and is told to purge them when a save evicts them.
/// </summary>
public class CdnTests(CdnTests.CdnSite site) : IClassFixture<CdnTests.CdnSite>
{
    private const string Article = "/articles/gut-immune-system-connection";
    private const string PublicCacheControl = "public, max-age=0, s-maxage=30, stale-while-revalidate=45, stale-if-error=3600";

    public sealed class CdnSite : ReaderSiteOnKestrel
    {
        public CdnSite()
        {
            Settings["Cdn:SharedMaxAge"] = "00:00:30";
            Settings["Cdn:StaleWhileRevalidate"] = "00:00:45";
            Settings["Cdn:StaleIfError"] = "01:00:00";
        }
    }

    private static void AssertPublic(HttpResponseMessage response, string surrogateKey)
    {
        Assert.Equal(PublicCacheControl, response.Headers.CacheControl?.ToString());
        Assert.Equal(surrogateKey, string.Join(" ", response.Headers.GetValues("Surrogate-Key")));
        Assert.Equal(surrogateKey.Replace(' ', ','), string.Join(",", response.Headers.GetValues("Cache-Tag")));
        Assert.Null(response.Headers.Age);
    }

    [Theory]
    [InlineData(Article, "article:gut-immune-system-connection people")] // the header links to profiles: saving one evicts it
    [InlineData(Article + "/introduction", "article:gut-immune-system-connection people")] // its byline links to profiles too
    [InlineData(Article + "/references.bib", "article:gut-immune-system-connection")]
    [InlineData("/", "listings")]
    [InlineData("/topics/microbiome", "listings")]
    [InlineData("/search?q=immune", "listings")]
    [InlineData("/feed.xml", "listings")]
    [InlineData("/sitemap.xml", "listings")]
    // Tags that an action's attribute adds are there on a cache hit too (the hit runs no action).
    [InlineData("/people", "listings people")]
    [InlineData("/about", "listings site-pages")]
    public async Task Anonymous_reader_pages_feeds_and_the_sitemap_are_public_for_a_short_while_and_name_their_tags(string url, string surrogateKey)
    {
        var client = site.CreateHttpClient();
        var before = site.Renders;

        using var rendered = await client.GetAsync(url);
        using var fromTheCache = await client.GetAsync(url);

        Assert.Equal(1, site.Renders - before);
        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        AssertPublic(rendered, surrogateKey);
        Assert.Equal(HttpStatusCode.OK, fromTheCache.StatusCode);
        AssertPublic(fromTheCache, surrogateKey);
    }

    [Fact]
    public async Task A_304_for_the_pages_etag_carries_the_same_cache_headers_rendered_or_from_the_cache()
    {
        var client = site.CreateHttpClient();
        using var first = await client.GetAsync(Article + "/points-to-remember");
        var etag = first.Headers.ETag!;

        foreach (var _ in new[] { "answered by the cache", "again" })
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, Article + "/points-to-remember");
            conditional.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            AssertPublic(notModified, "article:gut-immune-system-connection people");
        }

        // A page not yet cached answers the condition itself (the ETag middleware), with the same headers.
        await site.WithServiceAsync<ReaderPageCache, bool>(async cache =>
        {
            await cache.EvictAsync(["gut-immune-system-connection"], [], CancellationToken.None);
            return true;
        });
        using var afterEviction = new HttpRequestMessage(HttpMethod.Get, Article + "/points-to-remember");
        afterEviction.Headers.IfNoneMatch.Add(etag);
        var before = site.Renders;
        using var renderedNotModified = await client.SendAsync(afterEviction);
        Assert.Equal(1, site.Renders - before);
        Assert.Equal(HttpStatusCode.NotModified, renderedNotModified.StatusCode);
        AssertPublic(renderedNotModified, "article:gut-immune-system-connection people");
    }

    [Fact]
    public async Task A_page_from_the_cache_is_dated_when_it_is_sent_since_a_CDN_counts_an_old_date_as_age()
    {
        // A shared cache takes a response's age as now less its Date (RFC 9111, 4.2.3) when no Age says more: a copy
        // kept here for minutes and sent with the Date of its render would be stale on arrival, past s-maxage.
        var client = site.CreateHttpClient();
        const string url = Article + "/cite.ris";
        using var rendered = await client.GetAsync(url);
        var etag = rendered.Headers.ETag!;
        await Task.Delay(TimeSpan.FromSeconds(4));

        var before = site.Renders;
        var asked = DateTimeOffset.UtcNow;
        using var fromTheCache = await client.GetAsync(url);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);

        Assert.Equal(0, site.Renders - before);
        Assert.Equal(HttpStatusCode.OK, fromTheCache.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        // Kestrel's Date is in whole seconds and renewed once a second.
        foreach (var response in new[] { fromTheCache, notModified })
            Assert.True(response.Headers.Date >= asked.AddSeconds(-2), $"Date: {response.Headers.Date:r}, asked at {asked:r}");
    }

    [Fact]
    public async Task Pages_that_are_not_found_are_not_made_public()
    {
        using var response = await site.CreateHttpClient().GetAsync("/articles/no-such-article");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.Public ?? false);
        Assert.False(response.Headers.Contains("Surrogate-Key"));
    }
}

/// <summary>
/// Signed-in staff are never sent a shared page, and what they are sent is stored nowhere (`private, no-store`, or the
/// sign-in cookie's own `no-cache, no-store` when it renews the cookie).
/// </summary>
public class SignedInCacheHeaderTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("/articles/gut-immune-system-connection")]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    public async Task Reader_pages_for_signed_in_staff_are_private_and_not_stored(string url)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        using var response = await editor.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false, SharedMaxAge: null }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Surrogate-Key"));
    }

    [Fact]
    public async Task Admin_pages_are_not_stored()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        using var response = await editor.Client.GetAsync("/admin/articles");

        Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Surrogate-Key"));
    }
}
