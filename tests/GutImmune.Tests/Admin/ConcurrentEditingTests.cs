using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Two editors save from the same version: changes to different fields are combined; changes to the same field
/// are shown side by side in words editors know, and the later editor can keep theirs deliberately.
/// </summary>
public class ConcurrentEditingTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<(StaffSession First, StaffSession Second, string AdminUrl)> TwoEditorsAsync()
    {
        var first = await StaffSession.SignInAsync(factory, Roles.Editor);
        var second = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await first.GetPageAsync("/admin/articles");
        return (first, second, list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!);
    }

    private static string DetailsForm(string adminUrl) => $"form[action='{adminUrl}']";

    private static string LinkTo(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("a").First(a => a.TextContent.Contains(text)).GetAttribute("href")!;

    /// <summary>The 409 page of a change to a part someone deleted: it says so and lists the deletion among the saves since.</summary>
    private static async Task<IHtmlDocument> DeletedPageAsync(HttpResponseMessage refused, string noun)
    {
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await StaffSession.ParseAsync(refused);
        Assert.Contains($"deleted this {noun}", conflict.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains($"Deleted a {noun}", conflict.QuerySelector(".saves-since")!.TextContent);
        return conflict;
    }

    /// <summary>Sends the form <paramref name="formSelector"/> of <paramref name="page"/> to <paramref name="action"/> instead, as a page naming another part would.</summary>
    private static Task<HttpResponseMessage> SubmitToAsync(StaffSession session, IHtmlDocument page, string formSelector, string action)
    {
        var form = page.QuerySelector(formSelector)!;
        form.SetAttribute("action", action);
        form.Id = "sent-elsewhere";
        return session.SubmitAsync(page, "#sent-elsewhere", []);
    }

    private static List<string> FactPages(IHtmlDocument section) =>
        section.QuerySelectorAll(".structure-title a").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("/facts/")).ToList();

    [Fact]
    public async Task Changes_to_different_fields_from_the_same_version_are_both_saved()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);

        await first.FollowAsync(await first.SubmitAsync(firstPage, DetailsForm(adminUrl), new() { ["Summary"] = "The first editor’s summary." }));
        var merged = await second.SubmitAsync(secondPage, DetailsForm(adminUrl), new() { ["AuthorCredentials"] = "The second editor’s credentials" });

        var saved = await second.FollowAsync(merged);
        Assert.Equal("The first editor’s summary.", saved.QuerySelector<IHtmlTextAreaElement>("#Summary")!.Value);
        Assert.Equal("The second editor’s credentials", saved.QuerySelector<IHtmlInputElement>("#AuthorCredentials")!.Value);
        Assert.Contains("merged with version", (await second.GetPageAsync(adminUrl + "/revisions")).QuerySelector("tbody tr")!.TextContent);
    }

    [Fact]
    public async Task Changes_to_different_facts_of_a_section_are_both_saved()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var section = await first.GetPageAsync(LinkTo(await first.GetPageAsync(adminUrl), "Microbiome Benefits"));
        var facts = FactPages(section);
        var firstPage = await first.GetPageAsync(facts[0]);
        var secondPage = await second.GetPageAsync(facts[1]);

        await first.FollowAsync(await first.SubmitAsync(firstPage, "main form", new() { ["Text"] = "The first editor’s fact." }));
        await second.FollowAsync(await second.SubmitAsync(secondPage, "main form", new() { ["Text"] = "The second editor’s fact." }));
        await second.ReviewAndPublishAsync(adminUrl);

        var reader = await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection");
        Assert.Contains("The first editor’s fact.", reader);
        Assert.Contains("The second editor’s fact.", reader);
    }

    [Fact]
    public async Task Changes_to_the_same_field_show_both_values_by_their_labels_and_keeping_mine_saves_it()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);

        await first.FollowAsync(await first.SubmitAsync(firstPage, DetailsForm(adminUrl), new() { ["Summary"] = "Summary by the first editor." }));
        var refused = await second.SubmitAsync(secondPage, DetailsForm(adminUrl), new() { ["Summary"] = "Summary by the second editor." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await StaffSession.ParseAsync(refused);
        var field = conflict.QuerySelectorAll(".conflict-field").Single(f => f.QuerySelector("h3")!.TextContent == "Summary");
        Assert.Contains("Summary by the first editor.", field.QuerySelector(".theirs")!.TextContent);
        Assert.Contains("Summary by the second editor.", field.QuerySelector(".yours")!.TextContent);
        var text = conflict.QuerySelector("main")!.TextContent;
        foreach (var internalName in new[] { "SectionId", "HeroImageUrl", "AuthorName", "AuthorCredentials", "Version" })
            Assert.DoesNotContain(internalName, text);

        var kept = await second.SubmitAsync(conflict, "main form", []);

        var saved = await second.FollowAsync(kept);
        await second.ReviewAndPublishAsync(adminUrl);
        Assert.Equal("Summary by the second editor.", saved.QuerySelector<IHtmlTextAreaElement>("#Summary")!.Value);
        Assert.Contains("Summary by the second editor.", await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
    }

    [Fact]
    public async Task A_sign_off_of_content_someone_changed_since_is_refused_and_records_no_audit_entry()
    {
        var (editor, _, adminUrl) = await TwoEditorsAsync();
        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var reviewPage = await reviewer.GetPageAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, DetailsForm(adminUrl), new() { ["Summary"] = "Summary saved before the review." }));
        Task<int> SignOffsAsync() => factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.AuditEntries.CountAsync(e => e.Action == AuditLog.Actions.ReviewSignedOff));
        var before = await SignOffsAsync();

        var refused = await StaffSession.ParseAsync(await reviewer.SubmitAsync(reviewPage, $"form[action='{adminUrl}/review']", []));

        Assert.Contains("The content changed since you opened the article", refused.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(before, await SignOffsAsync());
    }

    [Fact]
    public async Task A_conflict_on_a_fact_is_labelled_with_its_section_and_number()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var section = await first.GetPageAsync(LinkTo(await first.GetPageAsync(adminUrl), "Interesting Facts"));
        var fact = FactPages(section)[2];
        var firstPage = await first.GetPageAsync(fact);
        var secondPage = await second.GetPageAsync(fact);

        await first.FollowAsync(await first.SubmitAsync(firstPage, "main form", new() { ["Text"] = "Fact by the first editor." }));
        var refused = await second.SubmitAsync(secondPage, "main form", new() { ["Text"] = "Fact by the second editor." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var labels = (await StaffSession.ParseAsync(refused)).QuerySelectorAll(".conflict-field h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Section ‘Interesting Facts About the Gut’s Immune System’ — fact 3"], labels);
    }

    [Fact]
    public async Task Keeping_my_review_dates_after_a_conflict_sends_them_again_as_dates()
    {
        var (_, _, adminUrl) = await TwoEditorsAsync();
        var first = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var second = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var reviewForm = $"form[action='{adminUrl}/review']";
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);

        // The seed was saved today: a review date may be today or, for time zones, the day before.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (mine, myNextDue) = (today.AddDays(-1).ToString("yyyy-MM-dd"), today.AddYears(2).AddDays(3).ToString("yyyy-MM-dd"));
        await first.FollowAsync(await first.SubmitAsync(firstPage, reviewForm,
            new() { ["ReviewedOn"] = today.ToString("yyyy-MM-dd"), ["NextReviewDue"] = today.AddYears(3).ToString("yyyy-MM-dd") }));
        var refused = await second.SubmitAsync(secondPage, reviewForm, new() { ["ReviewedOn"] = mine, ["NextReviewDue"] = myNextDue });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var kept = await second.SubmitAsync(await StaffSession.ParseAsync(refused), "main form", []);

        var saved = await second.FollowAsync(kept);
        var review = saved.QuerySelector("#review-heading")!.ParentElement!.TextContent;
        Assert.Contains(mine, review);
        Assert.Contains(myNextDue, review);
    }
    [Fact]
    public async Task Saving_a_section_someone_deleted_answers_409_with_the_text_typed_and_adds_it_again_on_request()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var sectionUrl = LinkTo(await second.GetPageAsync(adminUrl), "Points to Remember");
        var editPage = await second.GetPageAsync(sectionUrl);
        await first.FollowAsync(await first.SubmitAsync(sectionUrl + "/delete", "form.confirm-form", []));

        var refused = await second.SubmitAsync(editPage, "main form", new() { ["Body"] = "Typed while someone deleted the section." });

        var conflict = await DeletedPageAsync(refused, "section");
        Assert.Contains("Typed while someone deleted the section.", conflict.QuerySelector(".yours")!.TextContent);

        var article = await second.FollowAsync(await second.SubmitAsync(conflict, "main form", []));
        var added = await second.GetPageAsync(LinkTo(article, "Points to Remember"));
        Assert.Equal("Typed while someone deleted the section.", added.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!.Value);

        var pressedTwice = await second.SubmitAsync(conflict, "main form", []);
        Assert.Equal(HttpStatusCode.Conflict, pressedTwice.StatusCode);
        Assert.Single((await second.GetPageAsync(adminUrl)).QuerySelectorAll("#sections-heading + ol > li"), li => li.TextContent.Contains("Points to Remember"));
    }

    [Fact]
    public async Task Saving_a_reference_someone_deleted_answers_409_with_the_text_typed_and_adds_it_again_on_request()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        await first.FollowAsync(await first.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["AuthorNames"] = "Deleted D.", ["Title"] = "A reference deleted while edited", ["Year"] = "2021",
        }));
        var referenceUrl = (await second.GetPageAsync(adminUrl)).QuerySelectorAll("li").Last(li => li.TextContent.Contains("Deleted D."))
            .QuerySelectorAll("a[href*='/citations/']").Select(a => a.GetAttribute("href")!).First(h => !h.EndsWith("/delete"));
        var editPage = await second.GetPageAsync(referenceUrl);
        await first.FollowAsync(await first.SubmitAsync(referenceUrl + "/delete", "form.confirm-form", []));

        // A form that also fails validation gets the same page (t21: an emptied title was a 500 that lost the text).
        var blank = await second.SubmitAsync(editPage, "main form", new() { ["Title"] = "" });
        Assert.Equal(HttpStatusCode.Conflict, blank.StatusCode);
        Assert.Contains("Deleted", (await StaffSession.ParseAsync(blank)).QuerySelector(".yours")!.TextContent);

        var refused = await second.SubmitAsync(editPage, "main form", new() { ["Title"] = "A title typed while someone deleted the reference" });

        var conflict = await DeletedPageAsync(refused, "reference");
        Assert.Contains("A title typed while someone deleted the reference", conflict.QuerySelector(".yours")!.TextContent);

        var article = await second.FollowAsync(await second.SubmitAsync(conflict, "main form", []));
        Assert.Contains("A title typed while someone deleted the reference", article.QuerySelector("#references-heading + ol")!.TextContent);
    }

    [Fact]
    public async Task Moving_a_fact_someone_deleted_answers_409_saying_it_was_deleted()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var section = await second.GetPageAsync(LinkTo(await second.GetPageAsync(adminUrl), "Interesting Facts"));
        var fact = FactPages(section)[1];
        await first.FollowAsync(await first.SubmitAsync(fact + "/delete", "form.confirm-form", []));

        var refused = await second.SubmitAsync(section, $"form[action='{fact}/move']", []);

        var conflict = await DeletedPageAsync(refused, "fact");
        Assert.NotNull(conflict.QuerySelector($"main a[href='{adminUrl}']"));
    }

    [Fact]
    public async Task Saving_a_cause_someone_deleted_answers_409_with_its_title_and_description()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var section = await second.GetPageAsync(LinkTo(await second.GetPageAsync(adminUrl), "What Causes"));
        var cause = section.QuerySelectorAll(".structure-title a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("/causes/"));
        var editPage = await second.GetPageAsync(cause);
        await first.FollowAsync(await first.SubmitAsync(cause + "/delete", "form.confirm-form", []));

        var refused = await second.SubmitAsync(editPage, "main form", new() { ["Title"] = "A typed cause", ["Description"] = "Its typed description." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var yours = (await StaffSession.ParseAsync(refused)).QuerySelector(".yours")!.TextContent;
        Assert.Contains("A typed cause", yours);
        Assert.Contains("Its typed description.", yours);
    }

    [Fact]
    public async Task Changing_a_part_that_never_was_in_the_article_answers_404_also_from_a_version_others_saved_over()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var sectionUrl = LinkTo(await second.GetPageAsync(adminUrl), "Interesting Facts");
        var sectionPage = await second.GetPageAsync(sectionUrl);
        var factUrl = FactPages(sectionPage)[1];
        var factPage = await second.GetPageAsync(factUrl);
        var sectionPageAgain = await second.GetPageAsync(sectionUrl);
        await first.FollowAsync(await first.SubmitAsync(adminUrl, DetailsForm(adminUrl), new() { ["Summary"] = "Saved after the pages were opened." }));

        var neverThere = new[]
        {
            await SubmitToAsync(second, sectionPage, "main form", $"{adminUrl}/sections/999999"),
            await SubmitToAsync(second, factPage, "main form", $"{adminUrl}/facts/999999"),
            await SubmitToAsync(second, sectionPageAgain, $"form[action='{factUrl}/move']", $"{adminUrl}/facts/999999/move"),
        };

        foreach (var response in neverThere)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Page not found", (await StaffSession.ParseAsync(response)).QuerySelector("main h1")?.TextContent);
        }
    }

    [Fact]
    public async Task Every_action_on_part_id_0_answers_404_for_every_kind_of_part()
    {
        var (editor, _, adminUrl) = await TwoEditorsAsync();
        var article = await editor.GetPageAsync(adminUrl);
        var factsUrl = LinkTo(article, "Interesting Facts");
        var factUrl = FactPages(await editor.GetPageAsync(factsUrl))[0];
        var causeUrl = (await editor.GetPageAsync(LinkTo(article, "What Causes"))).QuerySelectorAll(".structure-title a")
            .Select(a => a.GetAttribute("href")!).First(h => h.Contains("/causes/"));
        async Task<HttpResponseMessage> SendAsync(string pageUrl, string formSelector, string action, Dictionary<string, string>? fields = null)
        {
            var page = await editor.GetPageAsync(pageUrl);
            var form = page.QuerySelector(formSelector)!;
            form.SetAttribute("action", action);
            form.Id = "sent-elsewhere";
            return await editor.SubmitAsync(page, "#sent-elsewhere", fields ?? []);
        }

        var partZero = new[]
        {
            await SendAsync(factUrl, "main form", $"{adminUrl}/facts/0"),
            await SendAsync(factUrl, "main form", $"{adminUrl}/facts/0", new() { ["intent"] = "preview" }),
            await SendAsync(factsUrl, $"form[action='{factUrl}/move']", $"{adminUrl}/facts/0/move"),
            await SendAsync(factUrl + "/delete", "main form", $"{adminUrl}/facts/0/delete"),
            await SendAsync(causeUrl, "main form", $"{adminUrl}/causes/0"),
            await SendAsync(causeUrl + "/delete", "main form", $"{adminUrl}/causes/0/delete"),
            await SendAsync(factsUrl + "/delete", "main form", $"{adminUrl}/sections/0/delete"),
            await SendAsync(factUrl + "/delete", "main form", $"{adminUrl}/citations/0/delete"),
        };

        Assert.All(partZero, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        string VersionOf(IHtmlDocument page) => page.QuerySelector<IHtmlInputElement>($"{DetailsForm(adminUrl)} input[name=Version]")!.Value;
        Assert.Equal(VersionOf(article), VersionOf(await editor.GetPageAsync(adminUrl)));
    }

    [Fact]
    public async Task Changing_a_part_added_since_the_editors_version_answers_the_conflict_page_not_that_it_is_gone()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var sectionUrl = LinkTo(await second.GetPageAsync(adminUrl), "Interesting Facts");
        var before = FactPages(await second.GetPageAsync(sectionUrl));
        var factPage = await second.GetPageAsync(before[0]);
        var deletePage = await second.GetPageAsync(before[0] + "/delete");
        const string text = "A fact added after the other editor opened their pages.";
        var addPage = await first.GetPageAsync(LinkTo(await first.GetPageAsync(sectionUrl), "Add a fact"));
        await first.FollowAsync(await first.SubmitAsync(addPage, "main form", new() { ["Text"] = text }));
        var addedUrl = FactPages(await first.GetPageAsync(sectionUrl)).Except(before).Single();

        var edited = await SubmitToAsync(second, factPage, "main form", addedUrl);
        var deleted = await SubmitToAsync(second, deletePage, "main form", addedUrl + "/delete");

        foreach (var response in new[] { edited, deleted })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var page = await StaffSession.ParseAsync(response);
            Assert.Contains("Someone saved this article after you opened it", page.QuerySelector(".error-summary")!.TextContent);
            Assert.DoesNotContain("no longer exists", page.Body!.TextContent);
        }
        Assert.Equal(1, await CopiesAsync(text));
    }

    private Task<int> CopiesAsync(string factText) =>
        factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Facts.CountAsync(f => f.Text == factText));

    [Fact]
    public async Task Sending_the_same_add_form_twice_adds_one_fact_and_answers_409_with_what_was_typed()
    {
        var (editor, _, adminUrl) = await TwoEditorsAsync();
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts");
        var addPage = await editor.GetPageAsync(LinkTo(await editor.GetPageAsync(sectionUrl), "Add a fact"));
        const string text = "A fact whose form was sent twice.";

        await editor.FollowAsync(await editor.SubmitAsync(addPage, "main form", new() { ["Text"] = text }));
        var again = await editor.SubmitAsync(addPage, "main form", new() { ["Text"] = text });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await CopiesAsync(text));
        var conflict = await StaffSession.ParseAsync(again);
        Assert.Contains("It was not added a second time", conflict.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("Added the fact", conflict.QuerySelector(".saves-since")!.TextContent);
        Assert.Contains(text, conflict.QuerySelector(".yours")!.TextContent);

        await editor.FollowAsync(await editor.SubmitAsync(conflict, "main form", []));
        Assert.Equal(2, await CopiesAsync(text));
    }

    [Fact]
    public async Task Sending_the_same_section_or_reference_form_twice_adds_one()
    {
        var (editor, _, adminUrl) = await TwoEditorsAsync();
        var sectionPage = await editor.GetPageAsync(LinkTo(await editor.GetPageAsync(adminUrl), "Add a section"));
        var referencePage = await editor.GetPageAsync(adminUrl + "/citations/new");
        var section = new Dictionary<string, string> { ["Heading"] = "A section sent twice", ["Body"] = "Its text." };
        var reference = new Dictionary<string, string> { ["AuthorNames"] = "Twice T.", ["Title"] = "A reference sent twice", ["Year"] = "2022" };

        await editor.FollowAsync(await editor.SubmitAsync(sectionPage, "main form", section));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SubmitAsync(sectionPage, "main form", section)).StatusCode);
        await editor.FollowAsync(await editor.SubmitAsync(referencePage, "main form", reference));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SubmitAsync(referencePage, "main form", reference)).StatusCode);

        var article = await editor.GetPageAsync(adminUrl);
        Assert.Single(article.QuerySelectorAll("#sections-heading + ol > li"), li => li.TextContent.Contains("A section sent twice"));
        Assert.Single(article.QuerySelectorAll("#references-heading + ol > li"), li => li.TextContent.Contains("A reference sent twice"));
    }

    [Fact]
    public async Task Different_facts_added_from_the_same_version_are_both_saved()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var addUrl = LinkTo(await first.GetPageAsync(LinkTo(await first.GetPageAsync(adminUrl), "Interesting Facts")), "Add a fact");
        var firstPage = await first.GetPageAsync(addUrl);
        var secondPage = await second.GetPageAsync(addUrl);

        await first.FollowAsync(await first.SubmitAsync(firstPage, "main form", new() { ["Text"] = "A fact added by the first editor." }));
        await second.FollowAsync(await second.SubmitAsync(secondPage, "main form", new() { ["Text"] = "A fact added by the second editor." }));

        Assert.Equal(1, await CopiesAsync("A fact added by the first editor."));
        Assert.Equal(1, await CopiesAsync("A fact added by the second editor."));
    }

    [Fact]
    public async Task Sending_the_same_reference_import_twice_imports_it_once()
    {
        var (editor, _, adminUrl) = await TwoEditorsAsync();
        var importPage = await editor.GetPageAsync(LinkTo(await editor.GetPageAsync(adminUrl), "Import references"));
        var paste = new Dictionary<string, string> { ["Text"] = "TY  - JOUR\nAU  - Twice, T.\nTI  - An import sent twice\nPY  - 2020\nER  - \n" };
        Task<int> CopiesAsync() => factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Citations.CountAsync(c => c.Title == "An import sent twice"));

        await editor.FollowAsync(await editor.SubmitAsync(importPage, "main form", paste));
        var again = await editor.SubmitAsync(importPage, "main form", paste);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("An import sent twice", (await StaffSession.ParseAsync(again)).QuerySelector(".yours")!.TextContent);
        Assert.Equal(1, await CopiesAsync());
    }
}
