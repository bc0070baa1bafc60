using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GutImmune.Tests.Admin;

/// <summary>Draft → in review → published (now or scheduled) → unpublished, review sign-off and renamed slugs, on a clock the test controls.</summary>
public class WorkflowTests : IClassFixture<WorkflowTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private readonly ClockedSite _site;

    public WorkflowTests(ClockedSite site) => _site = site;

    private async Task<(StaffSession Editor, string AdminUrl)> NewDraftAsync(string slug)
    {
        var editor = await StaffSession.SignInAsync(_site, Roles.Editor, Roles.Reviewer);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Workflow test " + slug,
            ["Slug"] = slug,
            ["Summary"] = "A synthetic article made by a test.",
            ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        var section = await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Synthetic body text." });
        await editor.FollowAsync(section);
        return (editor, adminUrl);
    }

    private async Task<HttpStatusCode> ReaderStatusAsync(string path) => (await _site.CreateClient().GetAsync(path)).StatusCode;

    [Fact]
    public async Task Drafts_are_hidden_from_readers_but_editors_can_preview_them_as_readers_will_see_them()
    {
        var (editor, adminUrl) = await NewDraftAsync("draft-preview");

        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("/articles/draft-preview"));
        var preview = await editor.GetPageAsync(adminUrl + "/preview");
        Assert.Contains("Preview", preview.QuerySelector(".preview-banner")!.TextContent);
        Assert.Equal("Workflow test draft-preview", preview.QuerySelector("main h1")!.TextContent);
        Assert.Contains("Synthetic body text.", preview.QuerySelector("main")!.TextContent);
        Assert.Equal("noindex", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.DoesNotContain("draft-preview", (await (await _site.CreateClient().GetAsync("/")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Scheduled_article_appears_to_readers_only_once_its_time_has_come()
    {
        var (editor, adminUrl) = await NewDraftAsync("scheduled-article");
        var publishAt = _site.Clock.GetUtcNow().UtcDateTime.AddHours(2);

        var page = await editor.ReviewAndPublishAsync(adminUrl, publishAt);

        Assert.Contains("Scheduled for", page.QuerySelector(".status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("/articles/scheduled-article"));
        _site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/scheduled-article"));
    }

    [Fact]
    public async Task Scheduled_article_with_changes_in_its_working_copy_offers_submitting_them_for_review_and_no_reschedule_that_would_be_refused()
    {
        var (editor, adminUrl) = await NewDraftAsync("scheduled-then-changed");
        await editor.ReviewAndPublishAsync(adminUrl, _site.Clock.GetUtcNow().UtcDateTime.AddHours(2));
        var writer = await StaffSession.SignInAsync(_site, Roles.Editor);
        static string[] Actions(IHtmlDocument page) =>
            page.QuerySelectorAll("section[aria-labelledby=workflow-heading] button, section[aria-labelledby=workflow-heading] a.button").Select(e => e.TextContent.Trim()).ToArray();

        var unchanged = await writer.GetPageAsync(adminUrl);
        Assert.Equal(["Unpublish", "Reschedule or publish"], Actions(unchanged));
        Assert.Contains("nothing to submit for review until you change it", unchanged.QuerySelector("section[aria-labelledby=workflow-heading]")!.TextContent);
        await writer.FollowAsync(await writer.SubmitAsync(unchanged, $"form[action='{adminUrl}']", new() { ["Summary"] = "A changed synthetic summary." }));

        var changed = await writer.GetPageAsync(adminUrl);
        // Rescheduling would publish the changes, which have no sign-off: not offered, the page says why in its place.
        Assert.Equal(["Submit for review", "Unpublish"], Actions(changed));
        Assert.NotNull(changed.QuerySelector(".publish-withheld"));
        var submitted = await writer.FollowAsync(await writer.SubmitAsync(changed, "form:has(button[value=submit])", [], "button[value=submit]"));
        Assert.Equal("In review", submitted.QuerySelector(".status")!.TextContent);
        Assert.Contains("Return to draft", Actions(submitted));
        _site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/scheduled-then-changed"));
    }

    [Fact]
    public async Task Scheduled_article_is_modified_when_it_goes_live_for_the_api_the_feed_the_sitemap_and_its_page()
    {
        var goesLive = await ScheduleAsync("scheduled-modified", TimeSpan.FromHours(2));
        _site.Clock.Advance(TimeSpan.FromHours(3));

        // The JSON-LD is rendered when the article is scheduled (t25: it still said the scheduling time).
        await AssertModifiedForReadersAtAsync("scheduled-modified", goesLive);
    }

    [Fact]
    public async Task An_edition_scheduled_before_editions_were_dated_at_publication_is_dated_at_publication_by_the_start_that_upgrades_its_database_only()
    {
        var goesLive = await ScheduleAsync("scheduled-long-ago", TimeSpan.FromDays(2));
        // As the edition was written before it was dated at its publication: modified when it was scheduled, JSON-LD too.
        var early = DateTime.SpecifyKind(await _site.WithServiceAsync<GutImmuneDbContext, DateTime>(async db =>
        {
            var edition = await db.ReaderEditions.SingleAsync(e => e.Slug == "scheduled-long-ago");
            var article = await db.Articles.SingleAsync(a => a.Id == edition.ArticleId);
            var page = edition.ReadPage();
            edition.UpdatedAt = article.UpdatedAt;
            edition.RenderedPage = BrotliText.Compress(RenderedArticle.ToJson(page with
            {
                StructuredData = page.StructuredData.Replace($"\"dateModified\":\"{DateMarkup.Iso(goesLive)}\"", $"\"dateModified\":\"{DateMarkup.Iso(article.UpdatedAt)}\""),
            }), quality: 5);
            await db.SaveChangesAsync();
            return article.UpdatedAt;
        }), DateTimeKind.Utc);
        Assert.True(early < goesLive.AddDays(-1));
        _site.Clock.Advance(TimeSpan.FromDays(3));
        const string ArticlePath = "/articles/scheduled-long-ago";
        Assert.Contains($"\"dateModified\":\"{DateMarkup.Iso(early)}\"", await _site.CreateClient().GetStringAsync(ArticlePath));

        // A start on a database that has every migration leaves editions alone: the repair is no work of every start.
        await StartAgainAsync();
        Assert.Contains($"\"dateModified\":\"{DateMarkup.Iso(early)}\"", await _site.CreateClient().GetStringAsync(ArticlePath));

        await StartAgainFromBeforePublishedSectionSlugsAsync();

        await AssertModifiedForReadersAtAsync("scheduled-long-ago", goesLive);
        Assert.DoesNotContain(DateMarkup.Iso(early), await _site.CreateClient().GetStringAsync(ArticlePath));
    }

    /// <summary>A new article scheduled to go live <paramref name="ahead"/> of now, on a whole minute (as the form takes it); returns that time.</summary>
    private async Task<DateTime> ScheduleAsync(string slug, TimeSpan ahead)
    {
        var (editor, adminUrl) = await NewDraftAsync(slug);
        var now = _site.Clock.GetUtcNow().UtcDateTime;
        var goesLive = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).Add(ahead);
        await editor.ReviewAndPublishAsync(adminUrl, goesLive);
        return goesLive;
    }

    /// <summary>That readers are told the article at <paramref name="slug"/> was last modified at <paramref name="modified"/>: the API, the feed, the sitemap and the page with its JSON-LD.</summary>
    private async Task AssertModifiedForReadersAtAsync(string slug, DateTime modified)
    {
        var api = _site.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var since = modified.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/articles?modifiedSince={since}")).RootElement;
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("identifier").GetString() == slug);
        Assert.Equal(modified, item.GetProperty("dateModified").GetDateTime().ToUniversalTime());
        var document = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/articles/{slug}")).RootElement;
        Assert.Equal(modified, document.GetProperty("dateModified").GetDateTime().ToUniversalTime());

        var feed = await FeedTests.GetXmlAsync(_site, "/feed.xml");
        var entry = feed.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == "Workflow test " + slug);
        Assert.Equal(modified, Utc(entry.Element(Atom + "updated")!.Value));
        var sitemap = await FeedTests.GetXmlAsync(_site, "/sitemap.xml");
        var url = sitemap.Descendants(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value == "http://localhost/articles/" + slug);
        Assert.Equal(modified, Utc(url.Element(Sitemap + "lastmod")!.Value));
        var page = await _site.CreateClient().GetStringAsync("/articles/" + slug);
        Assert.Contains($"<meta property=\"article:modified_time\" content=\"{DateMarkup.Iso(modified)}\">", page);
        Assert.Contains($"\"dateModified\":\"{DateMarkup.Iso(modified)}\"", page);
    }

    /// <summary>What the site does with its database when it starts (migrations, then the repairs they call for, then seeding).</summary>
    private Task StartAgainAsync() => _site.WithServiceAsync<DatabaseInitializer, bool>(async initializer =>
    {
        await initializer.InitializeAsync();
        return true;
    });

    /// <summary>
    /// The site's database taken back to the migration before <c>PublishedSectionSlugs</c> (its table and history row gone,
    /// its content kept), then started again: the start that upgrades a database from before it.
    /// </summary>
    private async Task StartAgainFromBeforePublishedSectionSlugsAsync()
    {
        await _site.WithServiceAsync<GutImmuneDbContext, bool>(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync("RevisionReferenceIds");
            return true;
        });
        await StartAgainAsync();
    }

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static DateTime Utc(string w3cTime) => DateTimeOffset.Parse(w3cTime, CultureInfo.InvariantCulture).UtcDateTime;

    [Fact]
    public async Task Unpublishing_hides_the_article_again()
    {
        var (editor, adminUrl) = await NewDraftAsync("unpublish-me");
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/unpublish-me"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));

        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("/articles/unpublish-me"));
    }

    [Fact]
    public async Task Review_sign_off_records_reviewer_and_date_and_sets_next_review_three_years_on_by_default()
    {
        var (editor, adminUrl) = await NewDraftAsync("reviewed-article");
        await editor.ReviewAndPublishAsync(adminUrl);
        var today = DateOnly.FromDateTime(_site.Clock.GetUtcNow().UtcDateTime);

        var form = await editor.GetPageAsync(adminUrl);
        Assert.Equal(today.AddYears(3).ToString("yyyy-MM-dd"), form.QuerySelector("#Review_NextReviewDue")!.GetAttribute("value"));
        await editor.FollowAsync(await editor.SubmitAsync(form, "form[action$='/review']", []));
        await editor.ReviewAndPublishAsync(adminUrl);

        var reader = await (await _site.CreateClient().GetAsync("/articles/reviewed-article")).Content.ReadAsStringAsync();
        Assert.Contains("Medically reviewed by Test Editor Reviewer", VisibleText(reader));
        Assert.Contains($"datetime=\"{today:yyyy-MM-dd}\"", reader);
        Assert.Contains($"datetime=\"{today.AddYears(3):yyyy-MM-dd}\"", reader);
    }

    [Fact]
    public async Task Review_sign_off_records_the_signed_in_account_whatever_name_is_posted()
    {
        var (editor, adminUrl) = await NewDraftAsync("signed-by-the-account");
        await editor.ReviewAndPublishAsync(adminUrl);

        var page = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']",
            new() { ["ReviewerName"] = "Dr Someone Else, MD", ["ReviewedBy"] = "Dr Someone Else, MD" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        Assert.Contains("by Test Editor Reviewer", page.QuerySelector("#review-heading")!.ParentElement!.TextContent);
        var reader = await (await _site.CreateClient().GetAsync("/articles/signed-by-the-account")).Content.ReadAsStringAsync();
        Assert.Contains("Medically reviewed by Test Editor Reviewer", VisibleText(reader));
        Assert.DoesNotContain("Someone Else", reader);
    }

    [Fact]
    public async Task Renaming_a_published_article_keeps_its_old_address_working_with_a_301()
    {
        var (editor, adminUrl) = await NewDraftAsync("old-name");
        await editor.ReviewAndPublishAsync(adminUrl);

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "new-name" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var client = _site.CreateClient(new() { AllowAutoRedirect = false });
        var article = await client.GetAsync("/articles/old-name");
        Assert.Equal(HttpStatusCode.MovedPermanently, article.StatusCode);
        Assert.Equal("/articles/new-name", article.Headers.Location!.OriginalString);
        var section = await client.GetAsync("/articles/old-name/only-section");
        Assert.Equal(HttpStatusCode.MovedPermanently, section.StatusCode);
        Assert.Equal("/articles/new-name/only-section", section.Headers.Location!.OriginalString);
        foreach (var download in new[] { "cite.ris", "cite.bib", "references.ris", "references.bib" })
        {
            var former = await client.GetAsync($"/articles/old-name/{download}");
            Assert.Equal(HttpStatusCode.MovedPermanently, former.StatusCode);
            Assert.Equal($"/articles/new-name/{download}", former.Headers.Location!.OriginalString);
        }
        foreach (var (former, current) in new[] { ("/api/v1/articles/old-name", "/api/v1/articles/new-name"),
                     ("/api/v1/articles/old-name/sections/only-section", "/api/v1/articles/new-name/sections/only-section") })
        {
            var moved = await client.GetAsync(former);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(current, moved.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(current)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/articles/never-named-so")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/new-name"));
    }

    [Fact]
    public async Task A_former_slug_in_capitals_takes_one_301_to_the_current_slug_keeping_the_query()
    {
        var (editor, adminUrl) = await NewDraftAsync("caps-old-name");
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "caps-new-name" }));
        await editor.ReviewAndPublishAsync(adminUrl);
        var client = _site.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (asked, current) in new[]
                 {
                     ("/articles/CAPS-OLD-NAME?x=1", "/articles/caps-new-name?x=1"),
                     ("/articles/caps-old-name?x=1&y=%C3%A9", "/articles/caps-new-name?x=1&y=%C3%A9"),
                     ("/articles/Caps-Old-Name/Only-Section?x=1", "/articles/caps-new-name/only-section?x=1"),
                     ("/articles/caps-old-name/only-section?x=1", "/articles/caps-new-name/only-section?x=1"),
                     ("/articles/CAPS-OLD-NAME/cite.ris?x=1", "/articles/caps-new-name/cite.ris?x=1"),
                     ("/articles/caps-old-name/references.bib?x=1", "/articles/caps-new-name/references.bib?x=1"),
                     ("/articles/CAPS-NEW-NAME?x=1", "/articles/caps-new-name?x=1"),
                     ("/api/v1/articles/caps-old-name?x=1", "/api/v1/articles/caps-new-name?x=1"),
                     ("/api/v1/articles/caps-old-name/sections/only-section?x=1&y=%C3%A9", "/api/v1/articles/caps-new-name/sections/only-section?x=1&y=%C3%A9"),
                     ("/api/v1/articles/CAPS-OLD-NAME?x=1", "/api/v1/articles/caps-new-name?x=1"),
                     ("/api/v1/articles/Caps-Old-Name/sections/Only-Section?x=1", "/api/v1/articles/caps-new-name/sections/only-section?x=1"),
                     ("/api/v1/articles/CAPS-NEW-NAME?x=1", "/api/v1/articles/caps-new-name?x=1"),
                 })
        {
            var moved = await client.GetAsync(asked);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(current, moved.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(current)).StatusCode);
        }
    }

    [Fact]
    public async Task A_working_copy_back_at_a_former_slug_leaves_that_address_redirecting_until_it_is_published()
    {
        var (editor, adminUrl) = await NewDraftAsync("first-name");
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "second-name" }));
        await editor.ReviewAndPublishAsync(adminUrl);
        var client = _site.CreateClient(new() { AllowAutoRedirect = false });

        // Saved, not published: readers still find the article at second-name, and first-name still leads there.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "first-name" }));

        var former = await client.GetAsync("/articles/first-name");
        Assert.Equal(HttpStatusCode.MovedPermanently, former.StatusCode);
        Assert.Equal("/articles/second-name", former.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/second-name"));

        await editor.ReviewAndPublishAsync(adminUrl);

        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/first-name"));
        var renamed = await client.GetAsync("/articles/second-name");
        Assert.Equal(HttpStatusCode.MovedPermanently, renamed.StatusCode);
        Assert.Equal("/articles/first-name", renamed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_slug_change_saved_but_not_published_leaves_what_the_published_slug_lacks_not_found_instead_of_redirecting_to_itself()
    {
        var (editor, adminUrl) = await NewDraftAsync("loop-first");
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "loop-second" }));
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "loop-third" }));
        var client = _site.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var unknown in new[] { "/articles/loop-second/no-such-section", "/articles/loop-second/cite.xyz",
                     "/api/v1/articles/loop-second/sections/no-such-section" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(unknown)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/loop-second/only-section"));
        // Nor is a section the article lacks moved from its former slug: it would be a 301 to a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/loop-first/no-such-section")).StatusCode);
        var former = await client.GetAsync("/articles/loop-first/only-section");
        Assert.Equal(HttpStatusCode.MovedPermanently, former.StatusCode);
        Assert.Equal("/articles/loop-second/only-section", former.Headers.Location!.OriginalString);

        await editor.ReviewAndPublishAsync(adminUrl);

        foreach (var (moved, current) in new[] { ("/articles/loop-second/only-section", "/articles/loop-third/only-section"),
                     ("/articles/loop-second/cite.ris", "/articles/loop-third/cite.ris"),
                     ("/api/v1/articles/loop-second/sections/only-section", "/api/v1/articles/loop-third/sections/only-section"),
                     ("/articles/loop-first", "/articles/loop-third") })
        {
            var response = await client.GetAsync(moved);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(current, response.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(current)).StatusCode);
        }
    }

    [Fact]
    public async Task A_renamed_section_answers_one_301_from_each_former_address_once_the_rename_is_published_under_the_articles_current_and_former_slugs()
    {
        var (editor, adminUrl) = await NewDraftAsync("section-moves");
        await editor.ReviewAndPublishAsync(adminUrl);
        var section = await SectionFormAsync(editor, adminUrl, "only-section");

        // Saved, not published: readers still find the section at its published slug, and nothing at the new one.
        await section.RenameAsync("new-section");
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/section-moves/only-section"));
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("/articles/section-moves/new-section"));

        await editor.ReviewAndPublishAsync(adminUrl);

        await AssertMovedAsync("/articles/section-moves/only-section?x=1&y=%C3%A9", "/articles/section-moves/new-section?x=1&y=%C3%A9");
        await AssertMovedAsync("/articles/Section-Moves/Only-Section?x=1", "/articles/section-moves/new-section?x=1");
        await AssertMovedAsync("/api/v1/articles/section-moves/sections/only-section?x=1", "/api/v1/articles/section-moves/sections/new-section?x=1");

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "section-moved" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        await AssertMovedAsync("/articles/section-moves/only-section?x=1", "/articles/section-moved/new-section?x=1");
        await AssertMovedAsync("/articles/SECTION-MOVES/ONLY-SECTION", "/articles/section-moved/new-section");
        await AssertMovedAsync("/articles/section-moved/only-section", "/articles/section-moved/new-section");
        await AssertMovedAsync("/articles/section-moves/new-section", "/articles/section-moved/new-section");
        await AssertMovedAsync("/api/v1/articles/section-moves/sections/only-section", "/api/v1/articles/section-moved/sections/new-section");

        // Back at its first slug: the second one leads there, and the first is its page, no loop.
        await section.RenameAsync("only-section");
        await editor.ReviewAndPublishAsync(adminUrl);

        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("/articles/section-moved/only-section"));
        await AssertMovedAsync("/articles/section-moved/new-section", "/articles/section-moved/only-section");
        await AssertMovedAsync("/articles/section-moves/new-section", "/articles/section-moved/only-section");
        await AssertMovedAsync("/api/v1/articles/section-moved/sections/new-section", "/api/v1/articles/section-moved/sections/only-section");
    }

    [Fact]
    public async Task A_section_no_longer_published_is_not_found_at_its_former_addresses_and_a_section_given_a_former_slug_takes_it_over()
    {
        var (editor, adminUrl) = await NewDraftAsync("section-removed");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Staying section", ["Body"] = "It stays." }));
        await editor.ReviewAndPublishAsync(adminUrl);
        var section = await SectionFormAsync(editor, adminUrl, "only-section");
        await section.RenameAsync("renamed-section");
        await editor.ReviewAndPublishAsync(adminUrl);
        await AssertMovedAsync("/articles/section-removed/only-section", "/articles/section-removed/renamed-section");

        await editor.FollowAsync(await editor.SubmitAsync(section.Url + "/delete", "form.confirm-form", []));
        // Readers still see it until the removal is published, at its slug and from its former one.
        await AssertMovedAsync("/articles/section-removed/only-section", "/articles/section-removed/renamed-section");
        await editor.ReviewAndPublishAsync(adminUrl);

        var client = _site.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var gone in new[] { "/articles/section-removed/only-section", "/articles/section-removed/renamed-section",
                     "/api/v1/articles/section-removed/sections/only-section" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(gone)).StatusCode);

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "A new text here." }));
        await editor.ReviewAndPublishAsync(adminUrl);

        Assert.Contains("A new text here.", await _site.CreateClient().GetStringAsync("/articles/section-removed/only-section"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/section-removed/renamed-section")).StatusCode);
    }

    [Fact]
    public async Task A_section_published_before_the_upgrade_that_records_section_slugs_keeps_its_address_when_renamed_after_it()
    {
        var (editor, adminUrl) = await NewDraftAsync("section-before-upgrade");
        await editor.ReviewAndPublishAsync(adminUrl);

        await StartAgainFromBeforePublishedSectionSlugsAsync();
        await (await SectionFormAsync(editor, adminUrl, "only-section")).RenameAsync("renamed-after-upgrade");
        await editor.ReviewAndPublishAsync(adminUrl);

        await AssertMovedAsync("/articles/section-before-upgrade/only-section", "/articles/section-before-upgrade/renamed-after-upgrade");
    }

    /// <summary>The edit form of the article's section at <paramref name="slug"/>, for <paramref name="editor"/>.</summary>
    private async Task<SectionForm> SectionFormAsync(StaffSession editor, string adminUrl, string slug)
    {
        var articleId = int.Parse(adminUrl.Split('/')[^1], CultureInfo.InvariantCulture);
        var id = await _site.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Sections.Where(s => s.ArticleId == articleId && s.Slug == slug).Select(s => s.Id).SingleAsync());
        return new SectionForm(editor, $"{adminUrl}/sections/{id}");
    }

    private sealed record SectionForm(StaffSession Editor, string Url)
    {
        /// <summary>Saves the section under <paramref name="slug"/> (in the working copy: readers see it once published).</summary>
        public async Task RenameAsync(string slug) =>
            await Editor.FollowAsync(await Editor.SubmitAsync(Url, $"form[action='{Url}']", new() { ["Slug"] = slug }));
    }

    /// <summary>That <paramref name="asked"/> answers one 301 to <paramref name="current"/>, which readers find.</summary>
    private async Task AssertMovedAsync(string asked, string current)
    {
        var client = _site.CreateClient(new() { AllowAutoRedirect = false });
        var moved = await client.GetAsync(asked);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(current, moved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(current)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_lists_drafts_reviews_and_recent_changes()
    {
        var (editor, _) = await NewDraftAsync("dashboard-draft");

        var dashboard = await editor.GetPageAsync("/admin");

        Assert.Contains("Workflow test dashboard-draft", dashboard.QuerySelector("#drafts")!.ParentElement!.TextContent);
        Assert.Contains("The Gut-Immune System Connection", dashboard.QuerySelector("#review-due")!.ParentElement!.TextContent);
        var overridden = dashboard.QuerySelector("#published-without-review")!.ParentElement!.TextContent;
        Assert.Contains("The Gut-Immune System Connection", overridden);
        Assert.Contains("Seed content imported without a recorded medical review.", overridden);
        Assert.Contains("Added the section “Only section”", dashboard.QuerySelector("#recent-changes")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task An_approved_article_changed_through_a_form_returns_to_draft_as_an_import_of_new_content_does()
    {
        var (editor, adminUrl) = await NewDraftAsync("approved-then-edited");
        var otherEditor = await StaffSession.SignInAsync(_site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(_site, Roles.Reviewer);
        async Task<string> ApproveAsync()
        {
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
            return (await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']", []))).QuerySelector(".status")!.TextContent;
        }
        async Task<string> ListedUnderAsync(StaffSession session, string list) =>
            (await session.GetPageAsync("/admin")).QuerySelector($"#{list}")!.ParentElement!.TextContent;
        Task<string> LastRevisionAsync() => _site.WithServiceAsync<GutImmuneDbContext, string>(db =>
            db.Revisions.Where(r => db.Articles.Any(a => a.Id == r.ArticleId && a.Slug == "approved-then-edited"))
                .OrderByDescending(r => r.Version).Select(r => r.Description).FirstAsync());

        Assert.Equal("Approved", await ApproveAsync());
        var details = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Workflow test retitled" }));

        Assert.Equal("Draft", details.QuerySelector(".status")!.TextContent);
        Assert.EndsWith("(its content has no sign-off: returned to draft)", await LastRevisionAsync());
        Assert.DoesNotContain("Workflow test retitled", await ListedUnderAsync(otherEditor, "approved"));
        Assert.Contains("Workflow test retitled", await ListedUnderAsync(otherEditor, "drafts"));
        Assert.Null((await editor.GetPageAsync(adminUrl)).QuerySelector("form.publish-form"));

        Assert.Equal("Approved", await ApproveAsync());
        var sectionUrl = adminUrl + "/sections/" + await _site.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Sections.Where(s => db.Articles.Any(a => a.Id == s.ArticleId && a.Slug == "approved-then-edited")).Select(s => s.Id).SingleAsync());
        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl, $"form[action='{sectionUrl}']", new() { ["Body"] = "A changed body." }));

        Assert.Equal("Draft", (await editor.GetPageAsync(adminUrl)).QuerySelector(".status")!.TextContent);
        Assert.EndsWith("(its content has no sign-off: returned to draft)", await LastRevisionAsync());
        Assert.DoesNotContain("Workflow test retitled", await ListedUnderAsync(reviewer, "approved"));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        Assert.Contains("Workflow test retitled", (await reviewer.GetPageAsync("/admin")).QuerySelector("#waiting-for-you + ul")!.TextContent);
    }

    /// <summary>The page's text without tags, its white space collapsed: the byline links the reviewer's name.</summary>
    private static string VisibleText(string html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""), @"\s+", " ");
}
