using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A page the output cache does not serve keeps which edition its slug shows (EditionAtSlugCache) from its second
/// reading until a change evicts the article's pages. Every request here sends credentials, so the output cache neither
/// serves nor stores the page; to see whether the edition was kept, the tests change it behind the site's back, and each
/// change readers must see then shows on the next request.
/// </summary>
public class EditionAtSlugCacheTests(EditionAtSlugCacheTests.ClockedSite site) : IClassFixture<EditionAtSlugCacheTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private DateTime Now => site.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Publishes <paramref name="change"/> to the article at <paramref name="slug"/> as an editor would.</summary>
    private async Task PublishAsync(string slug, ArticleEditor.Change change)
    {
        var (id, version) = await IdAndVersionAsync(slug);
        Assert.IsType<EditOutcome.Saved>(await site.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.PublishAsync(id, version, () => "Changed by a test", change, null, default)));
    }

    private Task<(int Id, int Version)> IdAndVersionAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, (int, int)>(async db =>
        {
            var article = await db.Articles.Where(a => a.Slug == slug).Select(a => new { a.Id, a.Version }).SingleAsync();
            return (article.Id, article.Version);
        });

    /// <summary>A published article read twice (its edition is then kept), whose title in the database has since changed unseen.</summary>
    private async Task<HttpClient> KeptWithATitleChangedUnseenAsync(string slug)
    {
        await SyntheticArticles.CreateAsync(site, slug, "Title as published", ArticleStatus.Published, Now.AddDays(-1), []);
        var client = site.CreateUncachedClient();
        for (var reading = 0; reading < 2; reading++)
            Assert.Contains("<h1>Title as published</h1>", await client.GetStringAsync($"/articles/{slug}"));
        await site.RetitleEditionBehindTheSitesBackAsync(slug, "Title changed unseen");
        Assert.Contains("<h1>Title as published</h1>", await client.GetStringAsync($"/articles/{slug}"));
        Assert.Contains("Title as published", await client.GetStringAsync($"/articles/{slug}/text"));
        return client;
    }

    [Fact]
    public async Task A_published_version_shows_at_once()
    {
        var client = await KeptWithATitleChangedUnseenAsync("kept-edition-published");

        await PublishAsync("kept-edition-published", article => { article.Title = "Title published anew"; return null; });

        Assert.Contains("<h1>Title published anew</h1>", await client.GetStringAsync("/articles/kept-edition-published"));
        Assert.Contains("Title published anew", await client.GetStringAsync("/articles/kept-edition-published/text"));
    }

    [Fact]
    public async Task A_withdrawn_article_is_not_found_at_once()
    {
        var client = await KeptWithATitleChangedUnseenAsync("kept-edition-withdrawn");
        var (id, version) = await IdAndVersionAsync("kept-edition-withdrawn");

        Assert.IsType<EditOutcome.Saved>(await site.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.EditAsync(id, version, "Withdrawn", article => { article.Status = ArticleStatus.Unpublished; return null; }, default)));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/kept-edition-withdrawn")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/kept-edition-withdrawn/text")).StatusCode);
    }

    [Fact]
    public async Task A_new_slug_shows_at_once_and_the_old_one_redirects_to_it()
    {
        var client = await KeptWithATitleChangedUnseenAsync("kept-edition-old-slug");

        await PublishAsync("kept-edition-old-slug", article => { article.Slug = "kept-edition-new-slug"; return null; });

        var noRedirects = site.CreateClient(new() { AllowAutoRedirect = false });
        noRedirects.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var redirect = await noRedirects.GetAsync("/articles/kept-edition-old-slug");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/articles/kept-edition-new-slug", redirect.Headers.Location!.OriginalString);
        Assert.Contains("<h1>Title as published</h1>", await client.GetStringAsync("/articles/kept-edition-new-slug"));
    }

    [Fact]
    public async Task An_article_published_again_for_a_later_time_is_not_found_until_then()
    {
        var client = await KeptWithATitleChangedUnseenAsync("kept-edition-rescheduled");

        await PublishAsync("kept-edition-rescheduled", article => { article.PublishedAt = Now.AddHours(1); return null; });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/kept-edition-rescheduled")).StatusCode);

        site.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Contains("<h1>Title as published</h1>", await client.GetStringAsync("/articles/kept-edition-rescheduled"));
    }

    [Fact]
    public async Task A_scheduled_article_shows_once_its_time_has_come()
    {
        await SyntheticArticles.CreateAsync(site, "kept-edition-scheduled", "Scheduled title", ArticleStatus.Published, Now.AddHours(1), []);
        var client = site.CreateUncachedClient();
        for (var reading = 0; reading < 2; reading++)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/kept-edition-scheduled")).StatusCode);

        site.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Contains("<h1>Scheduled title</h1>", await client.GetStringAsync("/articles/kept-edition-scheduled"));
    }

    [Fact]
    public async Task A_review_signed_off_shows_at_once()
    {
        var client = await KeptWithATitleChangedUnseenAsync("kept-edition-reviewed");
        var id = await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Slug == "kept-edition-reviewed").Select(a => a.Id).SingleAsync());
        var reviewer = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);

        await reviewer.ReviewAndPublishAsync($"/admin/articles/{id}");

        var page = await client.GetStringAsync("/articles/kept-edition-reviewed");
        Assert.Contains("Medically reviewed by", page);
        Assert.Contains("<h1>Title as published</h1>", page);
    }
}
