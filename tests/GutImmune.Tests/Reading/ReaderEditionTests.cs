using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Reading;

/// <summary>
/// Readers see an article's reader edition (what was published), never its working copy: saves wait for publishing,
/// unpublishing hides the article everywhere, a scheduled one appears everywhere at its time, and the preview is the page.
/// </summary>
public class ReaderEditionTests(ReaderEditionTests.ClockedSite site) : IClassFixture<ReaderEditionTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private HttpClient Reader => site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>A draft made through the admin forms, filed under <paramref name="topic"/>, with one section holding <paramref name="word"/>.</summary>
    private async Task<(StaffSession Editor, string AdminUrl)> NewDraftAsync(string slug, string topic, string word)
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = $"Edition test {slug}", ["Slug"] = slug, ["Summary"] = "Made by a reader-edition test.", ["AuthorName"] = "Test Author",
            ["Topics"] = topic,
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/citations/new", "main form",
            new() { ["AuthorNames"] = "First A.", ["Title"] = "The first reference", ["Year"] = "2020" }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Only section", ["Body"] = $"The {word} is here.[1]" }));
        return (editor, adminUrl);
    }

    private static async Task<string> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<bool> SearchFindsAsync(HttpClient client, string word, string slug) =>
        (await ReadAsync(client, $"/search?q={word}")).Contains($"/articles/{slug}");

    /// <summary>A reader's request that the output cache neither answers nor stores (it skips requests with credentials), so the page is built.</summary>
    private async Task<string> BuildPageAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", "Bypass-the-output-cache");
        using var response = await Reader.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_page_the_output_cache_misses_is_built_from_the_edition_already_unpacked_in_memory()
    {
        var (editor, adminUrl) = await NewDraftAsync("edition-in-memory", "edition-memory", "memoryword");
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("memoryword", await BuildPageAsync("/articles/edition-in-memory"));

        // The stored page changes behind the site's back: a page built from memory does not see it.
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            var edition = await db.ReaderEditions.SingleAsync(e => e.Slug == "edition-in-memory");
            var json = GutImmune.Web.Reading.ReaderEdition.ReadPageJson(edition.RenderedPage).Replace("memoryword", "tamperedword");
            edition.RenderedPage = BrotliText.Compress(json, 5);
            await db.SaveChangesAsync();
        }

        var page = await BuildPageAsync("/articles/edition-in-memory");
        Assert.Contains("memoryword", page);
        Assert.DoesNotContain("tamperedword", page);
        Assert.Contains("memoryword", await BuildPageAsync("/articles/edition-in-memory/only-section"));
    }

    [Fact]
    public async Task An_edition_stored_with_escaped_html_in_its_json_is_served_as_the_same_html_as_one_stored_unescaped()
    {
        var (editor, adminUrl) = await NewDraftAsync("edition-old-shape", "edition-old-shape-topic", "naïveword");
        await editor.ReviewAndPublishAsync(adminUrl);
        const string articleUrl = "/articles/edition-old-shape", sectionUrl = "/articles/edition-old-shape/only-section";

        // Editions published before the stored JSON kept its HTML as it is: every <, >, &, quote and non-ASCII letter escaped.
        await ReplaceStoredPageAsync(json =>
        {
            Assert.Contains("<p>The naïveword is here.", json);
            var escaped = System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();
            Assert.Contains("\\u003Cp\\u003EThe na\\u00EFveword is here.", escaped);
            return escaped;
        });
        var fromEscaped = (Article: await BuildPageAsync(articleUrl), Section: await BuildPageAsync(sectionUrl));
        Assert.Contains("naïveword", fromEscaped.Article);

        // The same page stored as publishing stores it now; another publication renews the page's kept markup (its surroundings' stamp).
        await ReplaceStoredPageAsync(json => GutImmune.Web.Reading.RenderedArticle.ToJson(GutImmune.Web.Reading.RenderedArticle.FromJson(json)));
        var (other, otherUrl) = await NewDraftAsync("edition-old-shape-other", "edition-old-shape-elsewhere", "otherword");
        await other.ReviewAndPublishAsync(otherUrl);
        var fromUnescaped = (Article: await BuildPageAsync(articleUrl), Section: await BuildPageAsync(sectionUrl));

        static string Article(string page) => new HtmlParser().ParseDocument(page).QuerySelector("main article")!.OuterHtml;
        Assert.Equal(Article(fromEscaped.Article), Article(fromUnescaped.Article));
        Assert.Equal(Article(fromEscaped.Section), Article(fromUnescaped.Section));

        async Task ReplaceStoredPageAsync(Func<string, string> rewrite)
        {
            using var scope = site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            var edition = await db.ReaderEditions.SingleAsync(e => e.Slug == "edition-old-shape");
            var json = rewrite(GutImmune.Web.Reading.ReaderEdition.ReadPageJson(edition.RenderedPage));
            edition.RenderedPage = BrotliText.Compress(json, 5);
            await db.SaveChangesAsync();
            // Read from the database again, not from the pages kept unpacked in memory.
            scope.ServiceProvider.GetRequiredService<GutImmune.Web.Reading.ReaderEditionPages>().Forget(edition.Id, edition.Version);
        }
    }

    [Fact]
    public async Task A_republished_or_withdrawn_article_is_built_from_its_new_edition_at_once_though_the_old_one_was_in_memory()
    {
        var (editor, adminUrl) = await NewDraftAsync("edition-republished", "edition-memory", "firstword");
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("firstword", await BuildPageAsync("/articles/edition-republished"));
        Assert.Contains("firstword", await BuildPageAsync("/articles/edition-republished/only-section"));

        var section = await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Only section"));
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "The secondword is here.[1]" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        foreach (var url in new[] { "/articles/edition-republished", "/articles/edition-republished/only-section" })
        {
            var page = await BuildPageAsync(url);
            Assert.Contains("secondword", page);
            Assert.DoesNotContain("firstword", page);
        }

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/articles/edition-republished?after=unpublish")).StatusCode);
        section = await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Only section"));
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "The thirdword is here.[1]" }));
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("thirdword", await BuildPageAsync("/articles/edition-republished"));
    }

    [Fact]
    public async Task Saved_changes_to_a_published_article_reach_no_reader_until_they_are_published_and_unpublishing_hides_it_everywhere()
    {
        var (other, otherUrl) = await NewDraftAsync("edition-neighbour", "edition-shared", "neighbourword");
        await other.ReviewAndPublishAsync(otherUrl);
        var (editor, adminUrl) = await NewDraftAsync("edition-live", "edition-shared", "oldword");
        await editor.ReviewAndPublishAsync(adminUrl);

        // The working copy: a new title, body, topic, section and reference. Nothing is read before, so no page comes from the cache.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']",
            new() { ["Title"] = "Edition test renamed", ["Topics"] = "edition-shared, edition-working-topic" }));
        var section = await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Only section"));
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "The newword is here.[1]" }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Later section", ["Body"] = "More." }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/citations/new", "main form",
            new() { ["AuthorNames"] = "Second B.", ["Title"] = "A reference added later", ["Year"] = "2021" }));

        var reader = Reader;
        async Task AssertReadersSeeAsync(bool published)
        {
            var (seen, unseen) = published ? ("Edition test renamed", "Edition test edition-live") : ("Edition test edition-live", "Edition test renamed");
            var page = await ReadAsync(reader, "/articles/edition-live");
            Assert.Contains(seen, page);
            Assert.DoesNotContain(unseen, page);
            Assert.Contains(published ? "newword" : "oldword", await ReadAsync(reader, "/articles/edition-live/only-section"));
            Assert.Equal(published ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await reader.GetAsync("/articles/edition-live/later-section")).StatusCode);
            Assert.Equal(published, await SearchFindsAsync(reader, "newword", "edition-live"));
            Assert.Equal(!published, await SearchFindsAsync(reader, "oldword", "edition-live"));
            var feed = await ReadAsync(reader, "/feed.xml");
            Assert.Contains(seen, feed);
            Assert.DoesNotContain(unseen, feed);
            Assert.Equal(published, (await ReadAsync(reader, "/sitemap.xml")).Contains("/articles/edition-live/later-section"));
            Assert.Equal(published, (await ReadAsync(reader, "/topics")).Contains("edition-working-topic"));
            var related = await ReadAsync(reader, "/articles/edition-neighbour");
            Assert.Contains(seen, related);
            Assert.DoesNotContain(unseen, related);
            Assert.Equal(published, (await ReadAsync(reader, "/articles/edition-live/references.ris")).Contains("A reference added later"));
        }

        await AssertReadersSeeAsync(published: false);
        await editor.ReviewAndPublishAsync(adminUrl);
        await AssertReadersSeeAsync(published: true);

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));
        foreach (var url in new[] { "/articles/edition-live", "/articles/edition-live/only-section", "/articles/edition-live/references.ris", "/articles/edition-live/cite.bib" })
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
        Assert.False(await SearchFindsAsync(reader, "newword", "edition-live"));
        Assert.DoesNotContain("/articles/edition-live", await ReadAsync(reader, "/feed.xml"));
        Assert.DoesNotContain("/articles/edition-live", await ReadAsync(reader, "/sitemap.xml"));
        Assert.DoesNotContain("edition-working-topic", await ReadAsync(reader, "/topics"));
        Assert.DoesNotContain("/articles/edition-live", await ReadAsync(reader, "/topics/edition-shared"));
        Assert.DoesNotContain("/articles/edition-live", await ReadAsync(reader, "/articles/edition-neighbour"));
    }

    [Fact]
    public async Task Scheduled_article_is_in_no_search_feed_sitemap_topic_or_related_list_until_its_time()
    {
        var (other, otherUrl) = await NewDraftAsync("scheduled-neighbour", "scheduled-shared", "otherword");
        await other.ReviewAndPublishAsync(otherUrl);
        var (editor, adminUrl) = await NewDraftAsync("scheduled-edition", "scheduled-shared", "dueword");
        var publishAt = site.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        await editor.ReviewAndPublishAsync(adminUrl, publishAt);

        // Read by signed-in staff, whom the output cache never serves: this checks the rule on the clock, not cache lifetimes.
        var reader = editor.Client;
        async Task AssertListedAsync(bool listed)
        {
            Assert.Equal(listed, await SearchFindsAsync(reader, "dueword", "scheduled-edition"));
            Assert.Equal(listed, (await ReadAsync(reader, "/feed.xml")).Contains("/articles/scheduled-edition"));
            Assert.Equal(listed, (await ReadAsync(reader, "/sitemap.xml")).Contains("/articles/scheduled-edition"));
            Assert.Equal(listed, (await ReadAsync(reader, "/topics/scheduled-shared")).Contains("/articles/scheduled-edition"));
            Assert.Equal(listed, (await ReadAsync(reader, "/articles/scheduled-neighbour")).Contains("/articles/scheduled-edition"));
            Assert.Equal(listed ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await reader.GetAsync("/articles/scheduled-edition")).StatusCode);
        }

        await AssertListedAsync(listed: false);
        site.Clock.Advance(TimeSpan.FromHours(3));
        await AssertListedAsync(listed: true);
    }

    [Fact]
    public async Task An_article_scheduled_after_a_page_was_built_joins_its_related_articles_at_its_time()
    {
        var (other, otherUrl) = await NewDraftAsync("later-neighbour", "later-shared", "otherword");
        await other.ReviewAndPublishAsync(otherUrl);
        // Built before anything is scheduled: the page's kept related articles, and the process's next scheduled time, are read now.
        Assert.DoesNotContain("/articles/later-edition", await BuildPageAsync("/articles/later-neighbour"));

        var (editor, adminUrl) = await NewDraftAsync("later-edition", "later-shared", "laterword");
        await editor.ReviewAndPublishAsync(adminUrl, site.Clock.GetUtcNow().UtcDateTime.AddHours(2));
        Assert.DoesNotContain("/articles/later-edition", await BuildPageAsync("/articles/later-neighbour"));

        site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Contains("/articles/later-edition", await BuildPageAsync("/articles/later-neighbour"));
    }

    [Fact]
    public async Task A_scheduled_article_joins_the_cached_pages_of_articles_sharing_its_topic_when_its_time_comes()
    {
        var (other, otherUrl) = await NewDraftAsync("due-neighbour", "due-shared", "otherword");
        await other.ReviewAndPublishAsync(otherUrl);
        var (editor, adminUrl) = await NewDraftAsync("due-edition", "due-shared", "dueword");
        await editor.ReviewAndPublishAsync(adminUrl, site.Clock.GetUtcNow().UtcDateTime.AddHours(2));
        var since = site.Clock.GetUtcNow().UtcDateTime;
        // An anonymous reader: the output cache stores the neighbour's page, for ten minutes of real time.
        var reader = site.CreateClient();
        Assert.DoesNotContain("/articles/due-edition", await ReadAsync(reader, "/articles/due-neighbour"));
        Assert.DoesNotContain("/articles/due-edition", await ReadAsync(reader, "/"));

        site.Clock.Advance(TimeSpan.FromHours(3));
        await site.Services.GetRequiredService<ScheduledPublicationEviction>().EvictDueAsync(since, default);

        Assert.Contains("/articles/due-edition", await ReadAsync(reader, "/articles/due-neighbour"));
        Assert.Contains("/articles/due-edition", await ReadAsync(reader, "/"));
    }

    [Fact]
    public async Task Editor_sees_what_differs_from_the_published_version_and_discarding_restores_it_as_an_audited_revision()
    {
        var (editor, adminUrl) = await NewDraftAsync("edition-discard", "edition-discard-topic", "keptword");
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Null((await editor.GetPageAsync(adminUrl)).QuerySelector("#changes-heading"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "A title to throw away" }));

        var edit = await editor.GetPageAsync(adminUrl);
        var row = edit.QuerySelectorAll(".unpublished-changes tbody tr").Single();
        Assert.Equal("Title", row.QuerySelector("th")!.TextContent);
        Assert.Equal(["Edition test edition-discard", "A title to throw away"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        var confirm = await editor.GetPageAsync(StaffSession.LinkTo(edit, "Discard changes"));
        Assert.Contains("A title to throw away", confirm.QuerySelector(".consequences")!.TextContent);

        var after = await editor.FollowAsync(await editor.SubmitAsync(confirm, "form.confirm-form", []));

        Assert.Null(after.QuerySelector("#changes-heading"));
        Assert.Equal("Edition test edition-discard", after.QuerySelector<IHtmlInputElement>("#Title")!.Value);
        Assert.Contains("Discarded the changes not yet published", (await editor.GetPageAsync(adminUrl + "/revisions")).QuerySelector("tbody tr")!.TextContent);
        var audited = await site.WithServiceAsync<GutImmuneDbContext, List<string>>(db =>
            db.AuditEntries.Where(e => e.Action == AuditLog.Actions.DiscardedChanges).Select(e => e.Target).ToListAsync());
        Assert.Contains(audited, target => target.Contains("edition-discard"));
        Assert.Contains("Edition test edition-discard", await ReadAsync(Reader, "/articles/edition-discard"));
    }

    [Fact]
    public async Task Preview_of_the_working_copy_is_the_html_readers_get_once_it_is_published()
    {
        var (editor, adminUrl) = await NewDraftAsync("edition-preview", "edition-preview-topic", "previewword");
        await editor.ReviewAndPublishAsync(adminUrl);
        var section = await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Only section"));
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "A *changed* text citing [1]." }));

        // Signed off, as it must be to be published: the preview then shows the review readers will see.
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        var preview = await editor.GetPageAsync(adminUrl + "/preview");
        await editor.ReviewAndPublishAsync(adminUrl);
        var page = new HtmlParser().ParseDocument(await ReadAsync(Reader, "/articles/edition-preview"));

        Assert.Contains("<em>changed</em>", page.QuerySelector("main article")!.OuterHtml);
        // The change note is written on publishing, after the preview: apart from it, the page is the preview.
        Assert.Contains("Updated in a test", page.QuerySelector(".last-updated")!.TextContent);
        foreach (var note in page.QuerySelectorAll(".last-updated, .change-history"))
            note.Remove();
        // ... and with a note the header's bare "Updated" date gives way to it.
        foreach (var updated in preview.QuerySelectorAll(".dates div").Where(d => d.QuerySelector("dt")?.TextContent == "Updated"))
            updated.Remove();
        static string Tags(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");
        Assert.Equal(Tags(preview.QuerySelector("main article")!.OuterHtml), Tags(page.QuerySelector("main article")!.OuterHtml));
        Assert.Equal(preview.QuerySelector("script[type='application/ld+json']")!.TextContent, page.QuerySelector("script[type='application/ld+json']")!.TextContent);
    }

    [Fact]
    public async Task Text_holding_the_placeholder_of_the_site_address_reads_as_typed_in_the_json_ld()
    {
        // The stored JSON-LD stands for the site's address with https://site-address.invalid, put in when a page is read.
        const string typed = "Not https://site-address.invalid/x";
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = typed, ["Slug"] = "edition-placeholder", ["Summary"] = "https://site-address.invalid", ["AuthorName"] = "Test Author",
            ["Topics"] = "edition-placeholder-topic",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        var refused = await editor.SubmitAsync(adminUrl + "/citations/new", "main form",
            new() { ["AuthorNames"] = "First A.", ["Title"] = "A reference", ["Year"] = "2020", ["Url"] = "https://site-address.invalid/paper" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is on the reserved domain .invalid", (await StaffSession.ParseAsync(refused)).QuerySelector("main form")!.TextContent);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/citations/new", "main form",
            new() { ["AuthorNames"] = "First A.", ["Title"] = "A reference", ["Year"] = "2020", ["Url"] = "https://site-address.invalid.example.org/x" }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Only section", ["Body"] = "Text citing [1]." }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var page = new HtmlParser().ParseDocument(await ReadAsync(Reader, "/articles/edition-placeholder"));

        using var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal(typed, root.GetProperty("name").GetString());
        Assert.Equal("https://site-address.invalid", root.GetProperty("description").GetString());
        Assert.Equal("https://localhost/articles/edition-placeholder", root.GetProperty("@id").GetString());
        Assert.Equal("https://localhost/articles/edition-placeholder", root.GetProperty("url").GetString());
        Assert.Equal("https://localhost/", root.GetProperty("publisher").GetProperty("url").GetString());
        Assert.Equal("https://site-address.invalid.example.org/x", root.GetProperty("citation")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_published_article_without_an_edition_gets_one_at_start_up()
    {
        // An upgraded database: the seed article is published, but nothing has made its reader edition yet.
        await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.ReaderEditions.Where(e => e.Slug == "gut-immune-system-connection").ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/articles/gut-immune-system-connection")).StatusCode);

        await site.WithServiceAsync<DatabaseInitializer, bool>(async initializer =>
        {
            await initializer.InitializeAsync();
            return true;
        });

        Assert.Contains("The Gut-Immune System Connection", await ReadAsync(Reader, "/articles/gut-immune-system-connection"));
        Assert.True(await SearchFindsAsync(Reader, "antibiotics", "gut-immune-system-connection"));
    }
}
