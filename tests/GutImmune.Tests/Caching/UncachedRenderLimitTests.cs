using System.Net;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A client that asks for pages the output cache does not have (`?q=` values of its own, unknown slugs) gets a few
/// renders a minute, then 429; what the cache holds it is still served, and other clients are not affected.
/// </summary>
public class UncachedRenderLimitTests(UncachedRenderLimitTests.StrictSite site) : IClassFixture<UncachedRenderLimitTests.StrictSite>
{
    public sealed class StrictSite : ReaderSiteOnKestrel
    {
        public StrictSite() => Settings["ReaderCache:UncachedRendersPerMinute"] = "3";
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string url, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor); // from loopback, a trusted proxy: the client's address
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Renders_past_the_limit_are_refused_while_cached_pages_and_other_clients_are_served()
    {
        var client = site.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=immune"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=gut"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(client, "/articles/no-such-article"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=immune&utm_source=" + i));

        using var refused = await client.GetAsync("/search?q=cache-busting");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "/articles/another-missing-article"));

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=gut"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=cache-busting", forwardedFor: "198.51.100.7"));
    }
}
