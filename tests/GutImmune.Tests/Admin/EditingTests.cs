using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>Editors change content over HTTP, through the forms a browser would submit, and readers see the result.</summary>
public class EditingTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    private async Task<(StaffSession Editor, string AdminUrl)> EditorWithSeedArticleAsync()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        var link = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection");
        return (editor, link.GetAttribute("href")!);
    }

    private async Task<string> ReaderPageAsync(string url = ArticleUrl)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string LinkTo(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("a").First(a => a.TextContent.Contains(text)).GetAttribute("href")!;

    [Fact]
    public async Task Editor_changes_a_fact_and_readers_see_it()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts");
        var factUrl = LinkTo(await editor.GetPageAsync(sectionUrl), "Breastfeeding further nourishes");

        var response = await editor.SubmitAsync(factUrl, "main form",
            new() { ["Text"] = "Breastfeeding nourishes the infant gut microbiome.[2] (edited in a test)" });
        await editor.FollowAsync(response);
        await editor.ReviewAndPublishAsync(adminUrl);

        var page = await ReaderPageAsync();
        Assert.Contains("Breastfeeding nourishes the infant gut microbiome.", page);
        Assert.DoesNotContain("Breastfeeding further nourishes", page);
    }

    [Fact]
    public async Task Editor_adds_a_reference_cites_it_and_readers_get_a_working_link()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var added = await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["AuthorNames"] = "Belkaid Y\nHand TW",
            ["Title"] = "Role of the microbiota in immunity and inflammation",
            ["Source"] = "Cell",
            ["Year"] = "2014",
            ["Volume"] = "157",
            ["Issue"] = "1",
            ["Pages"] = "121-141",
            ["Doi"] = "10.1016/j.cell.2014.03.011",
        });
        await editor.FollowAsync(added);

        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");
        var section = await editor.GetPageAsync(sectionUrl);
        var body = section.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = body + " Test sentence.[10]" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var reader = await ReaderPageAsync();
        Assert.Contains("<li id=\"ref-10\" value=\"10\">", reader);
        Assert.Contains("href=\"https://doi.org/10.1016/j.cell.2014.03.011\"", reader);
        Assert.Contains("Test sentence.<sup class=\"citation\"", reader);
        Assert.Contains("href=\"#ref-10\"", reader);
    }

    [Fact]
    public async Task Citing_a_missing_reference_is_refused_on_the_field_naming_the_marker()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Introduction");

        var response = await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = "A claim without a source.[42]" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var fieldError = page.QuerySelector(".markdown-field .field-error")!.TextContent;
        Assert.Contains("[42]", fieldError);
        Assert.Contains("reference 42", fieldError);
        Assert.Equal("A claim without a source.[42]", page.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!.Value);
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.DoesNotContain("A claim without a source.", await ReaderPageAsync());
    }

    [Fact]
    public async Task A_field_that_must_be_filled_in_says_so_in_its_label_before_anything_is_sent()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var details = await editor.GetPageAsync(adminUrl);
        var write = await editor.GetPageAsync(adminUrl + "/write");
        var section = await editor.GetPageAsync(LinkTo(details, "Points to Remember"));
        static string Label(IHtmlDocument page, string field) => page.QuerySelector($"label[for='{field}']")!.TextContent;
        var factList = write.QuerySelectorAll("textarea[name$='.Facts[0].Text']").First().GetAttribute("id")!;

        Assert.Equal(["Title (required)", "Summary (required)", "Author name (required)"], new[] { "Title", "Summary", "AuthorName" }.Select(f => Label(details, f)));
        Assert.Equal(["Slug (the address: /articles/slug)", "Author credentials"], new[] { "Slug", "AuthorCredentials" }.Select(f => Label(details, f)));
        Assert.Equal("Heading (required)", Label(write, "Sections_0__Heading"));
        Assert.Equal("Text (Markdown)", Label(write, "Sections_0__Body"));
        Assert.Equal("Fact 1 (required)", Label(write, factList));
        Assert.Equal("Authors (required)", Label(write, "References_0__AuthorNames"));
        Assert.Equal(["Heading (required)", "Text (Markdown)"], new[] { "Heading", "Body" }.Select(f => Label(section, f)));
        Assert.Equal("true", section.GetElementById("Heading")!.GetAttribute("aria-required"));
        // Heard with the field, whose accessible name stays the label's words.
        Assert.Equal(["true", "true", null], new[] { "Title", "AuthorName", "Slug" }.Select(f => details.GetElementById(f)!.GetAttribute("aria-required")));
        Assert.Equal(["true", null, "true"], new[] { "Sections_0__Heading", "Sections_0__Body", factList }.Select(f => write.GetElementById(f)!.GetAttribute("aria-required")));
        Assert.All(details.QuerySelectorAll(".required-mark"), mark => Assert.Equal("true", mark.GetAttribute("aria-hidden")));
    }

    [Fact]
    public async Task Invalid_form_is_reshown_with_messages_on_each_field()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();

        var response = await editor.SubmitAsync(adminUrl, "form[action='" + adminUrl + "']", new() { ["Title"] = "", ["Slug"] = "Not A Slug!" });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter a title.", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("lowercase letters", page.QuerySelector("#Slug")!.ParentElement!.TextContent);
        Assert.Equal("Not A Slug!", page.QuerySelector<IHtmlInputElement>("#Slug")!.Value);
        Assert.Equal("true", page.QuerySelector("#Title")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#Summary")!.GetAttribute("aria-invalid"));
        // A screen reader reads the field's problem when the field gets focus, and its hint after it.
        Assert.Equal("Slug-error slug-hint", page.QuerySelector("#Slug")!.GetAttribute("aria-describedby"));
        Assert.Contains("Enter a title.", page.GetElementById(page.QuerySelector("#Title")!.GetAttribute("aria-describedby")!)!.TextContent);
    }

    [Fact]
    public async Task Saving_an_unchanged_form_makes_no_new_version()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var before = (await editor.GetPageAsync(adminUrl + "/revisions")).QuerySelectorAll("tbody tr").Length;

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", []));

        Assert.Equal(before, (await editor.GetPageAsync(adminUrl + "/revisions")).QuerySelectorAll("tbody tr").Length);
    }

    /// <summary>
    /// Text stored before saves dropped the controls that reorder it still holds them: the form saved unchanged is no
    /// change either (no new version), and an approved article keeps its approval.
    /// </summary>
    [Fact]
    public async Task Saving_unchanged_an_article_stored_with_reordering_controls_is_no_change_and_keeps_its_approval()
    {
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().CreateAsync(new Article
            {
                Slug = "reordered-" + Guid.NewGuid().ToString("N")[..8], Title = "Stored before cleaning", Summary = "A summary.",
                AuthorName = "A. Writer", Status = ArticleStatus.Approved,
                Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Text of it." }],
            }, "Made by a test", default);
            id = Assert.IsType<EditOutcome.Saved>(created).ArticleId;
        }
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Stored \u202Ebefore\u202C cleaning")));
        var before = await factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = $"/admin/articles/{id}";

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", []));

        var after = await factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ArticleStatus.Approved, before.Status);
        Assert.Equal((ArticleStatus.Approved, before.Version), (after.Status, after.Version));
    }

    /// <summary>Makes a new draft article of its own (tests do not share content) with <paramref name="sections"/>; returns its id.</summary>
    private async Task<int> CreateDraftAsync(string slugPrefix, string title, Section[] sections, Action<Article>? adjust = null)
    {
        var article = new Article
        {
            Slug = slugPrefix + Guid.NewGuid().ToString("N")[..8], Title = title, Summary = "A summary.", AuthorName = "A. Writer",
            Sections = [.. sections],
        };
        adjust?.Invoke(article);
        var created = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(article, "Made by a test", default));
        return Assert.IsType<EditOutcome.Saved>(created).ArticleId;
    }

    private static Section Prose(string slug, string heading, string body) => new() { Slug = slug, Heading = heading, Kind = SectionKind.Prose, Body = body };

    /// <summary>
    /// Text stored before a rule was added (here, an image description and a heading of only a zero-width space) does not
    /// make every other part unsaveable: an ordinary save refuses only what it brings, while publishing still refuses both.
    /// </summary>
    [Fact]
    public async Task Problems_stored_before_a_rule_refuse_publishing_but_no_save_of_another_part()
    {
        var id = await CreateDraftAsync("stored-problems-", "Stored before a rule", [Prose("first", "First", "Text of it."), Prose("second", "Second", "More text.")],
            article => (article.HeroImageUrl, article.HeroImageAlt) = ("https://example.org/hero.png", "A hero image"));
        await factory.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.HeroImageAlt, "\u200B"))
            + await db.Sections.Where(s => s.ArticleId == id && s.Slug == "first").ExecuteUpdateAsync(s => s.SetProperty(x => x.Heading, "\u200B")));
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = $"/admin/articles/{id}";
        var sectionUrls = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")!)
            .Where(href => href.StartsWith(adminUrl + "/sections/", StringComparison.Ordinal) && char.IsDigit(href[^1])).Distinct().ToList();
        Assert.Equal(2, sectionUrls.Count);
        var first = await editor.GetPageAsync(sectionUrls[0]);
        var second = await editor.GetPageAsync(sectionUrls[1]);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(second, "main form", new() { ["Body"] = "Changed text." }));
        // The section's own form saves its body beside the invisible heading sent back as stored, and refuses a new one.
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(await editor.GetPageAsync(sectionUrls[0]), "main form", new() { ["Body"] = "Changed too." }));
        first = await editor.GetPageAsync(sectionUrls[0]);
        var newlyInvisible = await editor.SubmitAsync(first, "main form", new() { ["Heading"] = "\u200C" });
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(first, "main form", new() { ["Heading"] = "First again" }));

        Assert.Equal(HttpStatusCode.BadRequest, newlyInvisible.StatusCode);
        // Submitting for review says the article is ready for readers: refused, as publishing is, naming the old problem.
        var article = await editor.GetPageAsync(adminUrl);
        var submitted = await editor.SubmitAsync(article, "form:has(button[value=submit])", new() { ["Step"] = "submit" });
        var refusedSubmit = await StaffSession.ParseAsync(submitted);
        var saved = await factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().Include(a => a.Sections).SingleAsync(a => a.Id == id));
        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Contains("“Submit for review” was refused: The image description is required when there is an image", refusedSubmit.QuerySelector(".error-summary")?.TextContent);
        // The article's page lists what to mend before that step, without being asked.
        Assert.Equal(["The image description is required when there is an image, so that every reader gets its meaning."],
            article.QuerySelectorAll(".problems-to-mend li").Select(li => li.TextContent));
        Assert.Equal(ArticleStatus.Draft, saved.Status);
        Assert.Equal(["First again", "Second"], saved.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal(("Changed too.", "Changed text."), (saved.Sections.Single(s => s.Slug == "first").Body, saved.Sections.Single(s => s.Slug == "second").Body));
        var published = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(e => e.PublishAsync(id, saved.Version, () => "Published by a test", a =>
        {
            a.Status = ArticleStatus.Published;
            a.PublishedAt = DateTime.UtcNow;
            return null;
        }, null, default));
        Assert.Contains(Assert.IsType<EditOutcome.Invalid>(published).Problems, p => p.Place == new ContentPlace.ArticleField(ArticlePart.HeroImageAlt));
    }

    /// <summary>
    /// The details form saves a change to one field while another holds text stored before a rule (a summary over its
    /// limit), sent back as stored; that text made longer is refused on its field, with everything typed kept.
    /// </summary>
    [Fact]
    public async Task The_details_form_saves_beside_a_field_holding_an_old_problem_and_refuses_it_made_worse()
    {
        var id = await CreateDraftAsync("details-old-problem-", "Details with an old problem", [Prose("first", "First", "Text of it.")]);
        var overLong = new string('s', ContentLimits.Summary + 5);
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Summary, overLong)));
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = $"/admin/articles/{id}";
        var detailsForm = $"form[action='{adminUrl}']";

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(await editor.GetPageAsync(adminUrl), detailsForm, new() { ["Title"] = "Retitled beside it" }));
        var longer = await editor.SubmitAsync(await editor.GetPageAsync(adminUrl), detailsForm, new() { ["Title"] = "Retitled again", ["Summary"] = overLong + "s" });

        Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode);
        var reshown = await StaffSession.ParseAsync(longer);
        Assert.Contains("The summary can be at most 600 characters long.", reshown.QuerySelector("#Summary-error")?.TextContent);
        Assert.Equal("Retitled again", reshown.QuerySelector<IHtmlInputElement>("#Title")?.Value);
        var saved = await factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(("Retitled beside it", overLong), (saved.Title, saved.Summary));
    }

    /// <summary>
    /// A version holding text stored before a rule was added can still be read (it was the stored version of that day):
    /// its sign-off is refused naming the problem to mend, not as a version "no longer kept".
    /// </summary>
    [Fact]
    public async Task A_sign_off_of_a_version_with_an_old_problem_is_refused_naming_it()
    {
        var id = await CreateDraftAsync("old-problem-review-", "Reviewed with an old problem", [Prose("first", "First", "Text of it."), Prose("second", "Second", "More text.")]);
        var adminUrl = $"/admin/articles/{id}";
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(await editor.GetPageAsync(adminUrl), "form:has(button[value=submit])", new() { ["Step"] = "submit" }));
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Sections.Where(s => s.ArticleId == id && s.Slug == "first").ExecuteUpdateAsync(s => s.SetProperty(x => x.Heading, "\u200B")));
        var second = LinkTo(await editor.GetPageAsync(adminUrl), "Second");
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(second, "main form", new() { ["Body"] = "Changed in review." }));

        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var signedOff = await reviewer.SubmitAsync(await reviewer.GetPageAsync(adminUrl), "form[action$='/review']", []);

        Assert.Equal(HttpStatusCode.BadRequest, signedOff.StatusCode);
        Assert.Contains("“Sign off the review” was refused: Section 1, heading:", (await StaffSession.ParseAsync(signedOff)).QuerySelector(".error-summary")?.TextContent);
        var stored = await factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ArticleStatus.InReview, stored.Status);
    }

    /// <summary>
    /// An old problem is known by its part, not by its position: deleting a section before it, or shortening an over-long
    /// text that stays too long, is no new problem; making that text longer again, or breaking the rule elsewhere, is.
    /// </summary>
    [Fact]
    public async Task Problems_stored_before_a_rule_are_known_by_their_part_when_parts_move()
    {
        var id = await CreateDraftAsync("moved-problems-", "Problems that move", [Prose("first", "First", "Text of it."), Prose("second", "Second", "More text."), Prose("third", "Third", "Last text.")]);
        await factory.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.Sections.Where(s => s.ArticleId == id && s.Slug == "second").ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, new string('x', 20_005)))
            + await db.Sections.Where(s => s.ArticleId == id && s.Slug == "third").ExecuteUpdateAsync(s => s.SetProperty(x => x.Heading, "\u200B")));
        Task<EditOutcome> EditAsync(ArticleEditor.Change change) => factory.WithServiceAsync<ArticleEditor, EditOutcome>(async e =>
            await e.EditAsync(id, await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync()),
                "Edited by a test", change, default));

        var firstDeleted = await EditAsync(a => { a.Sections.RemoveAt(0); return null; });
        var shortened = await EditAsync(a => { a.Sections.Single(s => s.Slug == "second").Body = new string('x', 20_001); return null; });
        var lengthened = await EditAsync(a => { a.Sections.Single(s => s.Slug == "second").Body = new string('x', 20_002); return null; });
        var brought = await EditAsync(a => { a.Sections.Single(s => s.Slug == "second").Heading = "\u200B"; return null; });

        Assert.IsType<EditOutcome.Saved>(firstDeleted);
        Assert.IsType<EditOutcome.Saved>(shortened);
        Assert.Equal([new ContentPlace.Section(0, SectionPart.Body)], Assert.IsType<EditOutcome.Invalid>(lengthened).Problems.Select(p => p.Place));
        Assert.Equal([new ContentPlace.Section(0, SectionPart.Heading)], Assert.IsType<EditOutcome.Invalid>(brought).Problems.Select(p => p.Place));
        var saved = await factory.WithServiceAsync<GutImmuneDbContext, List<Section>>(db => db.Sections.AsNoTracking().Where(s => s.ArticleId == id).OrderBy(s => s.Position).ToListAsync());
        Assert.Equal(["second", "third"], saved.Select(s => s.Slug));
        Assert.Equal(20_001, saved[0].Body.Length);
    }

    [Fact]
    public async Task Text_from_a_browser_is_stored_with_plain_line_breaks()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");

        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = "First paragraph.\r\n\r\nSecond paragraph." }));

        var export = await editor.Client.GetStringAsync(adminUrl + "/export");
        Assert.Contains("First paragraph.\\n\\nSecond paragraph.", export);
        Assert.DoesNotContain("\\r", export);
    }

    [Fact]
    public async Task Section_kinds_are_offered_by_name()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var section = await editor.GetPageAsync(LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts"));

        Assert.Equal(["Prose", "Fact list (text, then a list of facts)", "Cause list (text, then titled causes)", "Summary"],
            section.QuerySelectorAll("#Kind option").Select(o => o.TextContent));
        Assert.Equal("FactList", section.QuerySelector("#Kind option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Later_of_two_conflicting_saves_is_refused_with_what_changed_and_the_typed_text_kept()
    {
        var (first, adminUrl) = await EditorWithSeedArticleAsync();
        var second = await StaffSession.SignInAsync(factory, Roles.Editor);
        var sectionUrl = LinkTo(await first.GetPageAsync(adminUrl), "Points to Remember");
        var firstPage = await first.GetPageAsync(sectionUrl);
        var secondPage = await second.GetPageAsync(sectionUrl);

        await first.FollowAsync(await first.SubmitAsync(firstPage, "main form", new() { ["Body"] = "The first editor’s summary." }));
        var refused = await second.SubmitAsync(secondPage, "main form", new() { ["Body"] = "The second editor’s summary." });
        await first.ReviewAndPublishAsync(adminUrl);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await StaffSession.ParseAsync(refused);
        Assert.Contains("was not saved", conflict.QuerySelector("h1")!.TextContent);
        Assert.Equal("Section ‘Points to Remember’ — text", conflict.QuerySelector(".conflict-field h3")!.TextContent);
        Assert.Contains("The second editor’s summary.", conflict.QuerySelector(".conflict-field .yours")!.TextContent);
        Assert.Contains("The first editor’s summary.", conflict.QuerySelector(".diff ins")!.TextContent);
        var reader = await ReaderPageAsync();
        Assert.Contains("The first editor’s summary.", reader);
        Assert.DoesNotContain("The second editor’s summary.", reader);
    }

    [Fact]
    public async Task Restoring_a_revision_brings_back_the_content_as_a_new_revision_that_needs_a_review_to_reach_readers()
    {
        // A site of its own: the test publishes changes to the seed article.
        using var site = new GutImmuneFactory();
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = LinkTo(await admin.GetPageAsync("/admin/articles"), "The Gut-Immune System Connection");
        Task<string> ReaderAsync() => site.CreateClient().GetStringAsync($"/articles/gut-immune-system-connection?fresh={Guid.NewGuid():N}");
        var causeUrl = LinkTo(await admin.GetPageAsync(LinkTo(await admin.GetPageAsync(adminUrl), "What Causes")), "Overindulgence in Alcohol");
        await admin.FollowAsync(await admin.SubmitAsync(causeUrl, "main form", new() { ["Title"] = "Drinking Too Much" }));
        await admin.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("Drinking Too Much", await ReaderAsync());

        var revisions = await admin.GetPageAsync(adminUrl + "/revisions");
        var rows = revisions.QuerySelectorAll("tbody tr").ToList();
        var before = rows.First(r => r.TextContent.Contains("Imported from the seed file")); // before the change
        var restoreUrl = before.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Restore")).GetAttribute("href")!;
        var restored = await admin.SubmitAsync(restoreUrl, "form.confirm-form", []);
        var page = await admin.FollowAsync(restored);

        // The restored content is unreviewed: it stays in the working copy, and readers keep the published version.
        Assert.Equal("Published", page.QuerySelector(".status")!.TextContent);
        Assert.Contains("Drinking Too Much", await ReaderAsync());
        var preview = await admin.Client.GetStringAsync(adminUrl + "/preview");
        Assert.Contains("Overindulgence in Alcohol", preview);
        Assert.DoesNotContain("Drinking Too Much", preview);
        var after = await admin.GetPageAsync(adminUrl + "/revisions");
        Assert.Equal(rows.Count + 1, after.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Restored version", after.QuerySelector("tbody tr")!.TextContent);

        await admin.ReviewAndPublishAsync(adminUrl);
        var reader = await ReaderAsync();
        Assert.Contains("Overindulgence in Alcohol", reader);
        Assert.DoesNotContain("Drinking Too Much", reader);
    }

    [Fact]
    public async Task Comparing_revisions_shows_removed_and_added_lines()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var edit = await editor.GetPageAsync(adminUrl);
        var version = edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(edit, $"form[action='{adminUrl}']", new() { ["Summary"] = "A new summary for comparison." }));

        var diff = await editor.GetPageAsync($"{adminUrl}/revisions/compare?from={version}&to={int.Parse(version) + 1}");

        Assert.Contains("A new summary for comparison.", diff.QuerySelector(".diff ins")!.TextContent);
        Assert.Contains("Summary:", diff.QuerySelector(".diff del")!.TextContent);
    }

    [Fact]
    public async Task Comparing_revisions_shows_a_change_of_a_references_authors()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var citationUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a[href*='/citations/']")
            .Select(a => a.GetAttribute("href")!).First(h => !h.EndsWith("/delete") && !h.EndsWith("/new"));
        var form = await editor.GetPageAsync(citationUrl);
        var version = form.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        var before = form.QuerySelector<IHtmlTextAreaElement>("textarea[name=AuthorNames]")!.Value.Split('\n')[0].Trim();
        await editor.FollowAsync(await editor.SubmitAsync(form, "main form", new() { ["AuthorNames"] = "Placeholder A\nPlaceholder B", ["EtAl"] = "true" }));

        var diff = await editor.GetPageAsync($"{adminUrl}/revisions/compare?from={version}&to={int.Parse(version) + 1}");

        Assert.Contains("Placeholder A, Placeholder B, et al.", diff.QuerySelector(".diff ins")!.TextContent);
        Assert.Contains(before, diff.QuerySelector(".diff del")!.TextContent);
        Assert.DoesNotContain("System.Collections", diff.QuerySelector(".diff")!.TextContent);
    }

    [Fact]
    public async Task Comparing_revisions_prints_a_reference_as_readers_see_it_without_the_fields_it_lacks()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var citationUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a[href*='/citations/']")
            .Select(a => a.GetAttribute("href")!).First(h => !h.EndsWith("/delete") && !h.EndsWith("/new"));
        var form = await editor.GetPageAsync(citationUrl);
        var version = form.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(form, "main form", new()
        {
            ["Title"] = "A reference with a title, a year and an address only", ["Year"] = "2021", ["Url"] = "https://example.org/reference",
            ["Source"] = "", ["DateDetail"] = "", ["Volume"] = "", ["Issue"] = "", ["Pages"] = "", ["Doi"] = "", ["Pmid"] = "", ["AccessedOn"] = "",
        }));
        var asReadersSeeIt = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("section[aria-labelledby=references-heading] .structure-title")
            .Select(t => t.TextContent).Single(t => t.Contains("A reference with a title, a year and an address only"));

        var diff = await editor.GetPageAsync($"{adminUrl}/revisions/compare?from={version}&to={int.Parse(version) + 1}");

        var added = diff.QuerySelector(".diff ins")!.TextContent;
        Assert.Contains(asReadersSeeIt, added);
        foreach (var stray in new[] { ";", "()", "doi:", "pmid:", "accessed:" })
            Assert.DoesNotContain(stray, added);
    }

    [Fact]
    public async Task A_form_field_named_like_a_route_value_does_not_choose_what_an_action_changes()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync();
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");
        var sectionId = sectionUrl[(sectionUrl.LastIndexOf('/') + 1)..];
        var confirm = await editor.GetPageAsync(sectionUrl + "/delete");
        confirm.QuerySelector("main form")!.SetAttribute("action", $"{adminUrl}/sections/424242/delete");

        var response = await editor.SubmitAsync(confirm, "main form", new() { ["SectionId"] = sectionId, ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Points to Remember", (await editor.GetPageAsync(adminUrl)).Body!.TextContent);
    }
}
