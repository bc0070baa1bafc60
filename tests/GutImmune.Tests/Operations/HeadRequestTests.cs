using System.Net;
using GutImmune.Tests.Web;

namespace GutImmune.Tests.Operations;

/// <summary>HEAD, as monitors and link checkers send it, over real Kestrel (which drops a HEAD response's body).</summary>
public class HeadRequestTests : IClassFixture<HeadRequestTests.ListeningSite>
{
    public sealed class ListeningSite : GutImmuneFactory
    {
        public ListeningSite() => UseKestrel(0);

        public HttpClient Client()
        {
            StartServer();
            return new HttpClient { BaseAddress = ClientOptions.BaseAddress };
        }
    }

    private readonly ListeningSite _site;

    public HeadRequestTests(ListeningSite site) => _site = site;

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/gut-immune-system-connection")]
    [InlineData("/articles/gut-immune-system-connection/introduction")]
    [InlineData("/articles/gut-immune-system-connection/cite.bib")]
    [InlineData("/articles/gut-immune-system-connection/references.ris")]
    [InlineData("/topics")]
    [InlineData("/search?q=immune")]
    [InlineData("/sitemap.xml")]
    [InlineData("/feed.xml")]
    [InlineData("/robots.txt")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        using var client = _site.Client();

        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_topic_page_answers_head()
    {
        using var client = _site.Client();
        var topics = await client.GetStringAsync("/topics");
        var topic = System.Text.RegularExpressions.Regex.Match(topics, "href=\"(/topics/[^\"]+)\"").Groups[1].Value;

        Assert.StartsWith("/topics/", topic);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, topic));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/healthz/live")]
    [InlineData("/css/site.css")]
    public async Task No_response_names_the_server_software(string url)
    {
        using var client = _site.Client();

        var response = await client.GetAsync(url);

        Assert.Empty(response.Headers.Server);
    }
}
