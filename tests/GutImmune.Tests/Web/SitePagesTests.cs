using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Reading;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Web;

/// <summary>About, Editorial policy, Contact, Privacy, the HTML sitemap, the footer that links them, and the disclaimer on section pages.</summary>
public class SitePagesTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string FormSelector = "main form.form";

    private async Task<IHtmlDocument> ReaderPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await StaffSession.ParseAsync(response);
    }

    private static bool IsNoIndex(IHtmlDocument page) => page.QuerySelector("meta[name=robots]")?.GetAttribute("content") == "noindex";

    [Fact]
    public async Task A_page_not_yet_written_says_so_and_is_kept_out_of_search_engines()
    {
        var page = await ReaderPageAsync("/contact");

        Assert.Equal("Contact", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("This page has not been written yet.", page.QuerySelector("main")!.TextContent);
        Assert.True(IsNoIndex(page));
    }

    [Fact]
    public async Task The_editorial_policy_describes_the_review_process_from_the_start()
    {
        var page = await ReaderPageAsync("/editorial-policy");

        Assert.Equal("Editorial policy", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Writing", "Sources", "Medical review", "Emergency publishing without a review", "Corrections and updates", "Dates"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Contains("Not yet medically reviewed", page.QuerySelector("main")!.TextContent);
        Assert.Contains("[1]", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("not been written", page.QuerySelector("main")!.TextContent);
        Assert.False(IsNoIndex(page));
    }

    [Fact]
    public async Task An_editor_writes_a_site_page_and_readers_see_it_at_once_with_the_save_audited()
    {
        await ReaderPageAsync("/about"); // now in the output cache
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var saved = await editor.SubmitAsync("/admin/pages/about", FormSelector,
            new() { ["Title"] = "About this site", ["Body"] = "We explain **gut health** with sources.\n\n# Who we are\n\nA small team." });

        await StaffSession.AssertRedirectedAsync(saved);
        var page = await ReaderPageAsync("/about");
        Assert.Equal("About this site", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("gut health", page.QuerySelector("main strong")!.TextContent);
        Assert.Equal("Who we are", page.QuerySelector("main h2")!.TextContent);
        Assert.DoesNotContain("not been written", page.QuerySelector("main")!.TextContent);
        Assert.False(IsNoIndex(page));
        Assert.True(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db =>
            db.AuditEntries.AnyAsync(e => e.Action == AuditLog.Actions.SitePageSaved && e.Target.Contains("/about"))));
        var list = await editor.GetPageAsync("/admin/pages");
        Assert.Contains("Saved by", list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("/about")).TextContent);
    }

    [Fact]
    public async Task A_site_page_saved_with_nul_or_another_character_xml_forbids_or_one_that_reorders_text_keeps_the_text_without_them()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var invisible = await editor.SubmitAsync("/admin/pages/about", FormSelector, new() { ["Title"] = "\u202E\u200B" });
        var saved = await editor.SubmitAsync("/admin/pages/about", FormSelector,
            new() { ["Title"] = "About\u0000 \u202Eus\u202C", ["Body"] = "Test text 24 a\u0000b\u0001c%00d\u2066e\u2069" });

        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        Assert.Contains("it holds no visible text", (await StaffSession.ParseAsync(invisible)).QuerySelector("#Title")!.ParentElement!.TextContent);
        await StaffSession.AssertRedirectedAsync(saved);
        var page = await ReaderPageAsync("/about");
        Assert.Equal("About us", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Test text 24 abc%00de", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_site_page_showing_an_http_image_is_refused_on_its_text_which_the_form_keeps()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        const string body = "Our team:\n\n![The team](http://example.org/team.png)";

        var refused = await editor.SubmitAsync("/admin/pages/contact", FormSelector, new() { ["Title"] = "Contact", ["Body"] = body });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = await StaffSession.ParseAsync(refused);
        Assert.Contains("http:// address", form.QuerySelector("#Body")!.ParentElement!.TextContent);
        Assert.Equal(body, form.QuerySelector("#Body")!.TextContent.ReplaceLineEndings("\n").TrimStart('\n'));
        Assert.Contains("not been written", (await ReaderPageAsync("/contact")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_site_page_form_refuses_an_empty_title_and_a_save_over_a_newer_version()
    {
        var first = await StaffSession.SignInAsync(factory, Roles.Editor);
        var second = await StaffSession.SignInAsync(factory, Roles.Admin);
        var firstForm = await first.GetPageAsync("/admin/pages/privacy");
        var secondForm = await second.GetPageAsync("/admin/pages/privacy");

        var empty = await first.SubmitAsync(firstForm, FormSelector, new() { ["Title"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var reshown = await StaffSession.ParseAsync(empty);
        Assert.Contains("Enter a title.", reshown.QuerySelector("#Title")!.ParentElement!.TextContent);
        // The heading names the page by its saved title, not by the refused one typed.
        Assert.Equal("Edit the page “Privacy”", reshown.QuerySelector("h1")!.TextContent);

        await StaffSession.AssertRedirectedAsync(await first.SubmitAsync(firstForm, FormSelector, new() { ["Body"] = "We keep no reader data." }));
        var stale = await second.SubmitAsync(secondForm, FormSelector, new() { ["Body"] = "Something else." });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("saved this page after you opened it", (await StaffSession.ParseAsync(stale)).QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("We keep no reader data.", (await ReaderPageAsync("/privacy")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_reviewer_cannot_edit_a_site_page_and_an_unknown_one_is_not_found()
    {
        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        Assert.Equal("/admin/access-denied", (await reviewer.Client.GetAsync("/admin/pages/about")).Headers.Location?.AbsolutePath);
        await admin.GetPageAsync("/admin/pages/terms", HttpStatusCode.NotFound);
        await ReaderPageAsync("/terms", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_footer_links_the_site_pages_the_people_and_the_html_sitemap()
    {
        var page = await ReaderPageAsync("/");

        var links = page.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/about", "/editorial-policy", "/people", "/contact", "/privacy", "/sitemap", "/feed.xml"], links);
    }

    [Fact]
    public async Task The_html_sitemap_lists_every_article_readers_can_see_a_hundred_a_page()
    {
        var draft = await SyntheticArticles.CreateAsync(factory, "sitemap-draft", "Sitemap draft", ArticleStatus.Draft, null, []);
        await SyntheticArticles.CreateAsync(factory, "sitemap-scheduled", "Sitemap scheduled", ArticleStatus.Published, DateTime.UtcNow.AddDays(1), []);
        for (var i = 0; i < 100; i++)
            await SyntheticArticles.CreateAsync(factory, $"sitemap-filler-{i:D3}", $"Sitemap filler {i:D3}", ArticleStatus.Published, DateTime.UtcNow.AddMinutes(-1), []);

        var first = await ReaderPageAsync("/sitemap");
        var second = await ReaderPageAsync(first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!);

        string[] Articles(IHtmlDocument page) => page.QuerySelectorAll("section[aria-labelledby=articles-heading] a").Select(a => a.GetAttribute("href")!).ToArray();
        var listed = Articles(first).Concat(Articles(second)).ToList();
        Assert.Equal(100, Articles(first).Length);
        Assert.Equal(101, listed.Distinct().Count());
        Assert.Contains("/articles/gut-immune-system-connection", listed);
        Assert.DoesNotContain("/articles/sitemap-draft", listed);
        Assert.DoesNotContain("/articles/sitemap-scheduled", listed);
        Assert.Contains(first.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/editorial-policy");
        Assert.Equal("http://localhost/sitemap?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("/sitemap", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("http://localhost/sitemap?page=2",
            (await ReaderPageAsync("/sitemap?page=2&ref=mail")).QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        await ReaderPageAsync("/sitemap?page=3", HttpStatusCode.NotFound);
        Assert.True(draft > 0);
    }

    [Theory]
    [InlineData("introduction")]
    [InlineData("points-to-remember")]
    public async Task Section_pages_carry_the_article_disclaimer(string section)
    {
        var page = await ReaderPageAsync($"/articles/gut-immune-system-connection/{section}");

        Assert.StartsWith("Results may vary.", page.QuerySelector("aside.disclaimer")!.TextContent.Trim());
    }
}
