using System.Net;
using System.Net.Http.Headers;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Caching;

/// <summary>
/// Reader pages come from the output cache until a save changes them. To see whether a page came from the cache, the
/// tests change the database behind the site's back: a cached page does not show that change, a fresh one does.
/// </summary>
public class ReaderCacheTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    /// <summary>Changes the title readers see (the article's reader edition) without the site knowing.</summary>
    private Task ChangeTitleBehindTheSitesBackAsync(string title) =>
        factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.ReaderEditions.Where(e => e.Slug == "gut-immune-system-connection").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, title)));

    private async Task<string> ReadAsync(string url, HttpClient? client = null) =>
        await (client ?? factory.CreateClient()).GetStringAsync(url);

    [Fact]
    public async Task Anonymous_reader_pages_are_served_from_the_cache_and_publishing_an_edit_evicts_them_at_once()
    {
        var first = await ReadAsync(ArticleUrl);
        await ReadAsync("/");
        await ReadAsync(ArticleUrl + "/introduction");
        await ChangeTitleBehindTheSitesBackAsync("Title changed behind the cache");

        Assert.Equal(first, await ReadAsync(ArticleUrl));
        Assert.DoesNotContain("Title changed behind the cache", await ReadAsync("/"));

        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Title after an edit" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        Assert.Contains("Title after an edit", await ReadAsync(ArticleUrl));
        Assert.Contains("Title after an edit", await ReadAsync(ArticleUrl + "/introduction"));
        Assert.Contains("Title after an edit", await ReadAsync("/"));
        Assert.Contains("Title after an edit", await ReadAsync("/feed.xml"));
    }

    [Fact]
    public async Task Publishing_an_edit_evicts_the_cached_pages_that_list_the_article_among_their_related_articles()
    {
        string[] topics = ["cache-related-topic"];
        await SyntheticArticles.CreateAsync(factory, "cache-listing", "Lists a related article", ArticleStatus.Published, DateTime.UtcNow.AddDays(-2), topics);
        var relatedId = await SyntheticArticles.CreateAsync(factory, "cache-related", "Related before", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), topics);
        Assert.Contains("Related before", await ReadAsync("/articles/cache-listing"));
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.ReaderEditions.Where(e => e.Slug == "cache-related").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Related renamed behind the cache")));
        Assert.Contains("Related before", await ReadAsync("/articles/cache-listing"));

        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = $"/admin/articles/{relatedId}";
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Related after an edit" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var listing = await ReadAsync("/articles/cache-listing");
        Assert.Contains("Related after an edit", listing);
        Assert.DoesNotContain("Related before", listing);
    }

    [Fact]
    public async Task Signed_in_staff_never_get_cached_pages()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        await ReadAsync("/topics/microbiome", editor.Client);
        await ReadAsync("/topics/microbiome");
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Topics.Where(t => t.Slug == "microbiome").ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, "Microbiome (renamed behind the cache)")));

        Assert.Contains("renamed behind the cache", await ReadAsync("/topics/microbiome", editor.Client));
        Assert.DoesNotContain("renamed behind the cache", await ReadAsync("/topics/microbiome"));
    }

    [Fact]
    public async Task Pages_carry_an_etag_and_a_matching_request_gets_304()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync(ArticleUrl + "/points-to-remember");
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, ArticleUrl + "/points-to-remember");
        conditional.Headers.IfNoneMatch.Add(etag!);
        var notModified = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Reader_pages_are_compressed(string encoding)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/topics");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await client.SendAsync(request);

        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task Admin_pages_are_never_compressed()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sign-in");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        var response = await client.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Fingerprinted_static_files_may_be_kept_a_year()
    {
        var page = await ReadAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/css/site.css\\?v=[^\"]+)\"").Groups[1].Value;

        var response = await factory.CreateClient().GetAsync(css);

        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl!.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl.ToString());
    }
}
