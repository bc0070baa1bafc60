using System.Net;
using System.Net.Http.Headers;

namespace GutImmune.Tests.Caching;

/// <summary>
/// Nothing a client adds to a request makes the output cache render a page again: a page varies only by the query
/// keys its action reads and by the encoding the site chooses. Renders are counted by the site itself.
/// </summary>
public class CacheKeyTests(ReaderSiteOnKestrel site) : IClassFixture<ReaderSiteOnKestrel>
{
    private const string Article = "/articles/gut-immune-system-connection";

    private async Task<(int Renders, HttpResponseMessage[] Responses)> RendersForAsync(params (string Url, string? AcceptEncoding)[] requests)
    {
        var client = site.CreateHttpClient();
        var before = site.Renders;
        var responses = new List<HttpResponseMessage>();
        foreach (var (url, acceptEncoding) in requests)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (acceptEncoding is not null)
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}");
            responses.Add(response);
        }
        return (site.Renders - before, responses.ToArray());
    }

    [Fact]
    public async Task Pages_say_they_vary_by_accept_encoding_whatever_the_request_accepts_rendered_from_the_cache_or_not_modified()
    {
        var client = site.CreateHttpClient();
        var search = $"/search?q=vary-{Guid.NewGuid():N}";
        foreach (var url in new[] { search, Article, "/feed.xml", "/api/v1/topics" })
            foreach (var acceptEncoding in new[] { null, "gzip", "br", null, null })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (acceptEncoding is not null)
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}");
                Assert.True(response.Headers.Vary.Contains("Accept-Encoding"), $"GET {url} ({acceptEncoding ?? "no Accept-Encoding"}): Vary {response.Headers.Vary}");

                using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
                conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
                using var notModified = await client.SendAsync(conditional);
                Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
                Assert.True(notModified.Headers.Vary.Contains("Accept-Encoding"), $"304 for {url}: Vary {notModified.Headers.Vary}");
            }
    }

    /// <summary>
    /// Not only reader pages and the API: every answer the response compression could compress, as found with curl on a
    /// running site (robots.txt, the sitemaps, the feed, the health probe, the OpenAPI document, a stylesheet, the 404 page
    /// asked for and re-executed, a list page past its end, the 405 page), to GET and HEAD, and its 304. An answer the
    /// compression never compresses (the API's problem details) does not say it.
    /// </summary>
    [Fact]
    public async Task Every_compressible_answer_says_it_varies_by_accept_encoding_and_so_does_its_304()
    {
        var client = site.CreateHttpClient();
        var (get, head) = (HttpMethod.Get, HttpMethod.Head);
        (HttpMethod Method, string Url, HttpStatusCode Status)[] answers =
        [
            (get, "/robots.txt", HttpStatusCode.OK), (head, "/robots.txt", HttpStatusCode.OK), (get, "/sitemap.xml", HttpStatusCode.OK),
            (get, "/sitemaps/1.xml", HttpStatusCode.OK), (get, "/feed.xml", HttpStatusCode.OK), (head, "/feed.xml", HttpStatusCode.OK),
            (get, "/healthz", HttpStatusCode.OK), (head, "/healthz", HttpStatusCode.OK), (get, "/openapi/v1.json", HttpStatusCode.OK),
            (get, "/css/site.css?v=test", HttpStatusCode.OK), (head, "/css/site.css?v=test", HttpStatusCode.OK),
            (get, "/no/such/page", HttpStatusCode.NotFound), (head, "/no/such/page", HttpStatusCode.NotFound),
            (get, "/error/404", HttpStatusCode.NotFound), (get, "/?page=999", HttpStatusCode.NotFound),
            (head, "/openapi/v1.json", HttpStatusCode.MethodNotAllowed),
        ];
        foreach (var (asked, url, status) in answers)
            foreach (var acceptEncoding in new[] { null, "gzip", "br" })
            {
                using var request = new HttpRequestMessage(asked, url);
                if (acceptEncoding is not null)
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                using var response = await client.SendAsync(request);
                var what = $"{asked} {url} ({acceptEncoding ?? "no Accept-Encoding"})";
                Assert.True(response.StatusCode == status, $"{what}: {response.StatusCode}");
                Assert.True(response.Headers.Vary.Contains("Accept-Encoding"), $"{what}: Vary {response.Headers.Vary}");
                if (response.Headers.ETag is not { } etag)
                    continue;
                using var conditional = new HttpRequestMessage(asked, url);
                conditional.Headers.IfNoneMatch.Add(etag);
                using var notModified = await client.SendAsync(conditional);
                Assert.True(notModified.StatusCode == HttpStatusCode.NotModified, $"{what} with its ETag: {notModified.StatusCode}");
                Assert.True(notModified.Headers.Vary.Contains("Accept-Encoding"), $"{what}, 304: Vary {notModified.Headers.Vary}");
            }
        using var problem = await client.GetAsync("/api/v1/no-such-address");
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Accept-Encoding", problem.Headers.Vary);
    }

    [Fact]
    public async Task Query_keys_a_page_does_not_read_share_its_one_cache_entry()
    {
        var (renders, responses) = await RendersForAsync(
            (Article + "/introduction?v=1", null), (Article + "/introduction?v=2", null), (Article + "/introduction", null),
            (Article + "/introduction?page=3&utm_source=x", null));

        Assert.Equal(1, renders);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
    }

    [Fact]
    public async Task Listing_pages_vary_by_the_query_keys_their_actions_read_and_no_others()
    {
        // A topic page reads `page` only; search reads `q` and `page`. (Each list has one page: a page past it is a 404.)
        var (home, _) = await RendersForAsync(("/topics/microbiome", null), ("/topics/microbiome?q=x", null), ("/topics/microbiome?v=1", null),
            ("/topics/microbiome?page=1", null), ("/topics/microbiome?page=1&v=9", null));
        var (search, _) = await RendersForAsync(("/search?q=immune", null), ("/search?q=immune&v=1", null), ("/search?v=2&q=immune", null),
            ("/search?q=immune&page=1", null), ("/search?q=microbiome", null));

        Assert.Equal(2, home);
        Assert.Equal(3, search);
    }

    [Fact]
    public async Task A_query_key_given_twice_is_answered_400_every_time_and_never_kept_in_the_output_cache()
    {
        var client = site.CreateHttpClient();

        foreach (var url in new[] { "/?page=1&page=2", "/search?q=immune&q=gut", "/topics/microbiome?page=1&page=2" })
        {
            var before = site.Renders;
            foreach (var _ in new[] { 1, 2, 3 })
                Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(3, site.Renders - before);
        }
    }

    [Fact]
    public async Task Spellings_of_the_same_accepted_encodings_share_the_entry_of_the_encoding_chosen()
    {
        var url = Article + "/points-to-remember";
        var (renders, responses) = await RendersForAsync((url, "gzip, br"), (url, "br;q=1.0, gzip"), (url, "br, gzip, deflate, x-random-9f3"),
            (url, "gzip"), (url, "gzip;q=1, identity;q=0.5"), (url, null), (url, "x-unknown"));

        Assert.Equal(["br", "br", "br", "gzip", "gzip", "", ""], responses.Select(r => string.Join(",", r.Content.Headers.ContentEncoding)));
        Assert.Equal(3, renders);
    }
}

/// <summary>
/// The Host header is part of a page's cache key only while pages are built from it: with `Site:BaseUrl` every host
/// name a client sends shares one entry; without it each host gets its own, so no client can put its host into the
/// canonical link of a page others are served.
/// </summary>
public class CacheKeyHostTests(CacheKeyHostTests.SiteWithBaseUrl siteWithBaseUrl, ReaderSiteOnKestrel siteWithout)
    : IClassFixture<CacheKeyHostTests.SiteWithBaseUrl>, IClassFixture<ReaderSiteOnKestrel>
{
    private const string Page = "/articles/gut-immune-system-connection/introduction";

    public sealed class SiteWithBaseUrl : ReaderSiteOnKestrel
    {
        public SiteWithBaseUrl() => Settings["Site:BaseUrl"] = "https://gutimmune.example";
    }

    private static async Task<(int Renders, string[] Canonicals)> ReadAsHostsAsync(ReaderSiteOnKestrel site, params string[] hosts)
    {
        var client = site.CreateHttpClient();
        var before = site.Renders;
        var canonicals = new List<string>();
        foreach (var host in hosts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Page);
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            var page = await response.Content.ReadAsStringAsync();
            canonicals.Add(System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"canonical\" href=\"([^\"]+)\"").Groups[1].Value);
        }
        return (site.Renders - before, canonicals.ToArray());
    }

    [Fact]
    public async Task With_a_configured_base_url_any_host_name_shares_the_entry()
    {
        var (renders, canonicals) = await ReadAsHostsAsync(siteWithBaseUrl, "a.example", "b.example", "c.example");

        Assert.Equal(1, renders);
        Assert.All(canonicals, canonical => Assert.Equal("https://gutimmune.example" + Page, canonical));
    }

    [Fact]
    public async Task Without_one_each_host_gets_its_own_entry_naming_that_host()
    {
        var (renders, canonicals) = await ReadAsHostsAsync(siteWithout, "a.example", "b.example", "a.example");

        Assert.Equal(2, renders);
        Assert.Equal(["http://a.example" + Page, "http://b.example" + Page, "http://a.example" + Page], canonicals);
    }
}
