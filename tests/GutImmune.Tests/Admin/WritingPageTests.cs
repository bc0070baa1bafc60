using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>
/// The writing page (/admin/articles/{id}/write): the whole working copy on one form, saved as one revision, its
/// block buttons working without JavaScript, and autosave into the editor's pending changes.
/// </summary>
public class WritingPageTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string WriteForm = "#write-form";

    /// <summary>A new draft article of its own (tests do not share content), and the address of its writing page.</summary>
    private async Task<(StaffSession Editor, string WriteUrl, int ArticleId)> NewArticleAsync(StaffSession? editor = null)
    {
        editor ??= await StaffSession.SignInAsync(factory, Roles.Editor);
        var title = $"Writing test {Guid.NewGuid():N}";
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = title, ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer",
        });
        var articlePage = await editor.FollowAsync(created);
        var writeUrl = StaffSession.LinkTo(articlePage, "Write the whole article on one page");
        var id = int.Parse(writeUrl.Split('/')[3]);
        return (editor, writeUrl, id);
    }

    private static Dictionary<string, string> WholeArticle(string factText = "Fermented foods feed gut bacteria [1].") => new()
    {
        ["Sections[0].Id"] = "0", ["Sections[0].Heading"] = "What the gut does", ["Sections[0].Kind"] = "Prose",
        ["Sections[0].Body"] = "The gut holds most of the immune system [1].",
        ["Sections[1].Id"] = "0", ["Sections[1].Heading"] = "Facts", ["Sections[1].Kind"] = "FactList", ["Sections[1].Body"] = "",
        ["Sections[1].Facts[0].Id"] = "0", ["Sections[1].Facts[0].Text"] = factText,
        ["Sections[1].Facts[1].Id"] = "0", ["Sections[1].Facts[1].Text"] = "Fibre matters.",
        ["Sections[2].Id"] = "0", ["Sections[2].Heading"] = "Causes", ["Sections[2].Kind"] = "CauseList", ["Sections[2].Body"] = "",
        ["Sections[2].Causes[0].Id"] = "0", ["Sections[2].Causes[0].Title"] = "Stress", ["Sections[2].Causes[0].Description"] = "Stress changes the gut.",
        ["References[0].Id"] = "0", ["References[0].Number"] = "1", ["References[0].Kind"] = "JournalArticle",
        ["References[0].AuthorNames"] = "Vighi G\nMarcucci F", ["References[0].EtAl"] = "true", ["References[0].Title"] = "Allergy and the gastrointestinal system", ["References[0].Year"] = "2008",
    };

    private Task<int> RevisionCountAsync(int articleId) =>
        factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Revisions.CountAsync(r => r.ArticleId == articleId));

    private Task<GutImmune.Web.Content.Article> ArticleAsync(int articleId) =>
        factory.WithServiceAsync<GutImmuneDbContext, GutImmune.Web.Content.Article>(db => db.Articles.AsNoTracking().WithContent().SingleAsync(a => a.Id == articleId));

    private static IElement FieldOf(IHtmlDocument page, string name) =>
        page.QuerySelector($"[name='{name}']")!.Closest(".field")!;

    /// <summary>
    /// Text stored before a rule was added (a heading of a zero-width space, a body over the limit) comes back from the
    /// page as it was sent: the page saves a change to another part, as the part's own form would, and still refuses
    /// the rule broken in a field the editor changed.
    /// </summary>
    [Fact]
    public async Task Problems_stored_before_a_rule_do_not_stop_a_save_of_another_part_on_the_page()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        await factory.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.Sections.Where(s => s.ArticleId == id && s.Heading == "Facts").ExecuteUpdateAsync(s => s.SetProperty(x => x.Heading, "\u200B"))
            + await db.Sections.Where(s => s.ArticleId == id && s.Heading == "Causes").ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, new string('x', 20_001))));

        var saved = await editor.SubmitAsync(writeUrl, WriteForm, new() { ["Sections[0].Body"] = "The gut holds most of the immune system, changed [1]." });
        var refused = await editor.SubmitAsync(writeUrl, WriteForm, new() { ["Sections[0].Heading"] = "\u200B" });

        await StaffSession.AssertRedirectedAsync(saved);
        Assert.Equal("The gut holds most of the immune system, changed [1].", (await ArticleAsync(id)).Sections.OrderBy(s => s.Position).First().Body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        Assert.NotNull(FieldOf(page, "Sections[0].Heading").QuerySelector(".field-error"));
        Assert.Null(FieldOf(page, "Sections[1].Heading").QuerySelector(".field-error"));
    }

    [Fact]
    public async Task The_whole_article_written_on_one_page_is_saved_as_one_revision()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var before = await RevisionCountAsync(id);

        var page = await editor.FollowAsync(await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle()));

        Assert.Equal(before + 1, await RevisionCountAsync(id));
        var article = await ArticleAsync(id);
        Assert.Equal(["What the gut does", "Facts", "Causes"], article.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal(["Fermented foods feed gut bacteria [1].", "Fibre matters."],
            article.Sections.Single(s => s.Heading == "Facts").Facts.OrderBy(f => f.Position).Select(f => f.Text));
        Assert.Equal("Stress", article.Sections.Single(s => s.Heading == "Causes").Causes.Single().Title);
        Assert.Equal((1, "Vighi G, Marcucci F, et al."), (article.Citations.Single().Number, article.Citations.Single().Authors.ToString()));
        Assert.Contains("Saved the article as version", page.QuerySelector(".flash")!.TextContent);
        Assert.Equal("Fibre matters.", page.QuerySelector<IHtmlTextAreaElement>("[name='Sections[1].Facts[1].Text']")!.Value);
    }

    [Fact]
    public async Task A_reference_number_sent_twice_is_refused_under_the_second_references_heading_in_the_pages_words()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var revisions = await RevisionCountAsync(id);
        // The page numbers references itself, in a hidden field: a number sent twice comes from an altered page or another tab.
        var fields = new Dictionary<string, string>(WholeArticle())
        {
            ["References[1].Id"] = "0", ["References[1].Number"] = "1", ["References[1].Kind"] = "JournalArticle",
            ["References[1].AuthorNames"] = "Lazar V", ["References[1].Title"] = "Another work", ["References[1].Year"] = "2018",
        };

        var response = await editor.SubmitAsync(writeUrl, WriteForm, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("#References_1__Number", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.StartsWith("Reference", page.GetElementById("References_1__Number")!.TextContent.Trim());
        Assert.Equal("This reference has the number 1, as another reference on this page has: remove the one that should not be there, "
            + "or reload the page to see the references as saved. To renumber references, use the article page.",
            page.GetElementById("References_1__Number-error")!.TextContent);
        Assert.Null(page.GetElementById("References_0__Number-error"));
        Assert.Equal(revisions, await RevisionCountAsync(id));
    }

    /// <summary>A saved reference sent with its saved number, which another reference on the page now has too, is still the page's duplicate.</summary>
    [Fact]
    public async Task A_reference_number_sent_twice_is_refused_when_the_second_reference_keeps_its_saved_number()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(writeUrl, WriteForm, new Dictionary<string, string>(WholeArticle())
        {
            ["References[1].Id"] = "0", ["References[1].Number"] = "2", ["References[1].Kind"] = "JournalArticle",
            ["References[1].AuthorNames"] = "Lazar V", ["References[1].Title"] = "Another work", ["References[1].Year"] = "2018",
        }));
        var revisions = await RevisionCountAsync(id);

        var response = await editor.SubmitAsync(writeUrl, WriteForm, new() { ["References[0].Number"] = "2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("This reference has the number 2, as another reference on this page has",
            (await StaffSession.ParseAsync(response)).GetElementById("References_1__Number-error")?.TextContent);
        Assert.Equal(revisions, await RevisionCountAsync(id));
    }

    [Fact]
    public async Task A_page_adding_a_fact_and_a_cause_sent_three_times_adds_one_copy_and_answers_409_with_the_rest_kept()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        await editor.FollowAsync(await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        var page = await editor.GetPageAsync(writeUrl);
        var revisions = await RevisionCountAsync(id);
        var added = new Dictionary<string, string>
        {
            ["Summary"] = "A summary sent three times.",
            ["Sections[1].Facts[2].Id"] = "0", ["Sections[1].Facts[2].Text"] = "A fact sent three times.",
            ["Sections[2].Causes[1].Id"] = "0", ["Sections[2].Causes[1].Title"] = "Sleep", ["Sections[2].Causes[1].Description"] = "Sent three times.",
        };

        await editor.FollowAsync(await editor.SubmitAsync(page, WriteForm, added));
        var again = await editor.SubmitAsync(page, WriteForm, added);
        var third = await editor.SubmitAsync(page, WriteForm, added);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, third.StatusCode));
        Assert.Equal(revisions + 1, await RevisionCountAsync(id));
        var article = await ArticleAsync(id);
        Assert.Single(article.Sections.SelectMany(s => s.Facts), f => f.Text == "A fact sent three times.");
        Assert.Single(article.Sections.SelectMany(s => s.Causes), c => c.Title == "Sleep");
        var reshown = await StaffSession.ParseAsync(again);
        Assert.Contains("It was not added a second time", reshown.QuerySelector(".error-summary")!.TextContent);
        Assert.Single(reshown.QuerySelectorAll<IHtmlTextAreaElement>("textarea"), t => t.Value == "A fact sent three times.");
        Assert.Equal("A summary sent three times.", reshown.QuerySelector<IHtmlTextAreaElement>("[name=Summary]")?.Value
            ?? reshown.QuerySelector<IHtmlInputElement>("[name=Summary]")!.Value);
    }

    [Fact]
    public async Task The_whole_seed_article_can_be_written_again_on_one_page_in_one_save()
    {
        var seed = await factory.WithServiceAsync<GutImmuneDbContext, GutImmune.Web.Content.Article>(db =>
            db.Articles.AsNoTracking().WithContent().SingleAsync(a => a.Slug == "gut-immune-system-connection"));
        var (editor, writeUrl, id) = await NewArticleAsync();
        static string? Text<T>(T? value) => value switch
        {
            null => "",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        var fields = new Dictionary<string, string>();
        var sections = seed.Sections.OrderBy(s => s.Position).ToList();
        for (var i = 0; i < sections.Count; i++)
        {
            var (section, at) = (sections[i], $"Sections[{i}]");
            (fields[$"{at}.Id"], fields[$"{at}.Heading"], fields[$"{at}.Slug"]) = ("0", section.Heading, section.Slug);
            (fields[$"{at}.Kind"], fields[$"{at}.Body"]) = (section.Kind.ToString(), section.Body ?? "");
            foreach (var (fact, j) in section.Facts.OrderBy(f => f.Position).Select((f, j) => (f, j)))
                (fields[$"{at}.Facts[{j}].Id"], fields[$"{at}.Facts[{j}].Text"]) = ("0", fact.Text);
            foreach (var (cause, j) in section.Causes.OrderBy(c => c.Position).Select((c, j) => (c, j)))
                (fields[$"{at}.Causes[{j}].Id"], fields[$"{at}.Causes[{j}].Title"], fields[$"{at}.Causes[{j}].Description"]) = ("0", cause.Title, cause.Description);
        }
        foreach (var (c, k) in seed.Citations.OrderBy(c => c.Number).Select((c, k) => (c, k)))
        {
            var at = $"References[{k}]";
            var reference = new GutImmune.Web.Areas.Admin.Models.ReferenceBlock();
            reference.CopyFrom(c);
            fields[$"{at}.Id"] = "0";
            foreach (var property in typeof(GutImmune.Web.Areas.Admin.Models.CitationForm).GetProperties().Where(p => p.Name != "Version"))
                fields[$"{at}.{property.Name}"] = property.GetValue(reference) is bool flag ? (flag ? "true" : "false") : Text(property.GetValue(reference))!;
        }

        var page = await editor.FollowAsync(await editor.SubmitAsync(writeUrl, WriteForm, fields));

        Assert.Contains("Saved the article as version", page.QuerySelector(".flash")!.TextContent);
        var written = await ArticleAsync(id);
        static object Shape(GutImmune.Web.Content.Article a) => new
        {
            Sections = a.Sections.OrderBy(s => s.Position).Select(s => string.Join("|", s.Heading, s.Slug, s.Kind, s.Body,
                string.Join("/", s.Facts.OrderBy(f => f.Position).Select(f => f.Text)),
                string.Join("/", s.Causes.OrderBy(c => c.Position).Select(c => c.Title + ":" + c.Description)))).ToList(),
            References = a.Citations.OrderBy(c => c.Number).Select(c => string.Join("|", c.Number, c.Kind, c.Authors, c.AuthorsEtAl, c.Title,
                c.Source, c.Year, c.DateDetail, c.Volume, c.Issue, c.Pages, c.Doi, c.Pmid, c.Url, c.AccessedOn, c.Evidence)).ToList(),
        };
        var (expected, actual) = (Shape(seed), Shape(written));
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        Assert.Equal((6, 12, 4, 9), (written.Sections.Count, written.Sections.Sum(s => s.Facts.Count), written.Sections.Sum(s => s.Causes.Count), written.Citations.Count));
    }

    [Fact]
    public async Task A_reference_keeps_its_author_names_et_al_and_evidence_type_when_the_page_is_saved_unchanged()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var fields = WholeArticle();
        fields["References[0].AuthorNames"] = "Vighi G\nMarcucci F\nSensi L";
        fields["References[0].Evidence"] = "RandomisedTrial";
        await editor.SubmitAsync(writeUrl, WriteForm, fields);

        var page = await editor.GetPageAsync(writeUrl);
        Assert.Equal("Vighi G\nMarcucci F\nSensi L", page.QuerySelector<IHtmlTextAreaElement>("[name='References[0].AuthorNames']")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("[name='References[0].EtAl']")!.IsChecked);
        await editor.SubmitAsync(page, WriteForm, []);

        var citation = (await ArticleAsync(id)).Citations.Single();
        Assert.Equal(["Vighi G", "Marcucci F", "Sensi L"], citation.AuthorNames);
        Assert.True(citation.AuthorsEtAl);
        Assert.Equal(GutImmune.Web.Content.EvidenceType.RandomisedTrial, citation.Evidence);
    }

    [Fact]
    public async Task Each_block_shows_the_content_checks_of_its_own_text_as_last_saved_and_the_form_offers_live_checks()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle());
        var page = await editor.GetPageAsync(writeUrl);

        // The checks of the block a field is in (a section's own, not its facts').
        string ChecksBeside(string field)
        {
            var block = page.QuerySelector($"[name='{field}']")!.Closest("li.block")!;
            var checks = block.Children.SingleOrDefault(c => c.ClassList.Contains("block-checks"));
            return System.Text.RegularExpressions.Regex.Replace(checks?.TextContent ?? "", @"\s+", " ").Trim();
        }

        Assert.Contains("reading grade", ChecksBeside("Sections[0].Heading"));
        Assert.Contains("No findings.", ChecksBeside("Sections[1].Facts[0].Text"));
        Assert.Contains("Uncited claims: No citation: “Fibre matters.”", ChecksBeside("Sections[1].Facts[1].Text"));
        Assert.DoesNotContain("No citation: “Fibre matters.”", ChecksBeside("Sections[1].Heading"));
        Assert.Contains("Uncited claims: No citation: “Stress changes the gut.”", ChecksBeside("Sections[2].Causes[0].Title"));
        Assert.Equal($"/admin/articles/{id}/content-checks/field", page.QuerySelector(WriteForm)!.GetAttribute("data-checks-url"));
    }

    [Fact]
    public async Task A_refused_save_shows_each_message_on_its_block_and_field_with_the_typed_text()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var fields = WholeArticle(factText: "Typed with care, citing a reference that is missing [7].");
        fields["Sections[0].Heading"] = "";
        var before = await RevisionCountAsync(id);

        var response = await editor.SubmitAsync(writeUrl, WriteForm, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("Enter a heading.", FieldOf(page, "Sections[0].Heading").TextContent);
        Assert.Equal("The gut holds most of the immune system [1].", page.QuerySelector<IHtmlTextAreaElement>("[name='Sections[0].Body']")!.Value);
        Assert.Equal(before, await RevisionCountAsync(id));

        // With the heading given, the article's own rules speak: the marker [7] names no reference, said on the fact.
        fields["Sections[0].Heading"] = "What the gut does";
        page = await StaffSession.ParseAsync(await editor.SubmitAsync(page, WriteForm, fields));
        var fact = FieldOf(page, "Sections[1].Facts[0].Text");
        Assert.Contains("[7]", fact.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("Typed with care, citing a reference that is missing [7].", fact.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Equal(before, await RevisionCountAsync(id));
    }

    [Fact]
    public async Task A_reference_block_dated_after_next_year_is_refused_on_its_year_by_the_rule_of_the_reference_form()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var future = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().Year + 2;
        var fields = WholeArticle();
        fields["References[0].Year"] = $"{future}";
        var before = await RevisionCountAsync(id);

        var page = await StaffSession.ParseAsync(await editor.SubmitAsync(writeUrl, WriteForm, fields));

        Assert.Contains($"The year {future} is in the future.", FieldOf(page, "References[0].Year").QuerySelector(".field-error")!.TextContent);
        var year = page.QuerySelector<IHtmlInputElement>("[name='References[0].Year']")!;
        Assert.Equal($"{future}", year.Value);
        // A phone shows digits for it, as for the reference form's year.
        Assert.Equal("numeric", year.GetAttribute("inputmode"));
        Assert.Equal("Allergy and the gastrointestinal system", page.QuerySelector<IHtmlInputElement>("[name='References[0].Title']")!.Value);
        Assert.Equal(before, await RevisionCountAsync(id));
    }

    [Fact]
    public async Task A_save_over_another_editors_change_to_the_same_block_is_refused_and_shows_both_texts_on_that_block()
    {
        var (first, writeUrl, id) = await NewArticleAsync();
        await first.FollowAsync(await first.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        var second = await StaffSession.SignInAsync(factory, Roles.Editor);
        var firstPage = await first.GetPageAsync(writeUrl);
        var secondPage = await second.GetPageAsync(writeUrl);

        await second.FollowAsync(await second.SubmitAsync(secondPage, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "The second editor’s fact." }));
        var refused = await first.SubmitAsync(firstPage, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "The first editor’s fact." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        var block = page.QuerySelector("[name='Sections[1].Facts[0].Text']")!.Closest("li.block")!;
        var conflict = block.QuerySelector(".block-conflict")!.TextContent;
        Assert.Contains("The second editor’s fact.", conflict);
        Assert.Contains("The first editor’s fact.", conflict);
        Assert.Null(page.QuerySelector("[name='Sections[0].Body']")!.Closest("li.block")!.QuerySelector(".block-conflict"));
        Assert.Equal("The first editor’s fact.", block.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        var saved = await ArticleAsync(id);
        Assert.Equal("The second editor’s fact.", saved.Sections.Single(s => s.Heading == "Facts").Facts[0].Text);

        // Saving the re-shown page again is the deliberate choice to keep one's own text.
        await first.FollowAsync(await first.SubmitAsync(page, WriteForm, []));
        Assert.Equal("The first editor’s fact.", (await ArticleAsync(id)).Sections.Single(s => s.Heading == "Facts").Facts.Single(f => f.Position == 1).Text);
    }

    /// <summary>Two editors with the written article open at the same version: the first saves <paramref name="firstChange"/>.</summary>
    private async Task<(StaffSession Second, IHtmlDocument SecondPage, int Id)> TwoEditorsAsync(
        Func<StaffSession, IHtmlDocument, Task<HttpResponseMessage>> firstChange) =>
        await TwoEditorsAsync(async (first, page) => await StaffSession.AssertRedirectedAsync(await firstChange(first, page)));

    private async Task<(StaffSession Second, IHtmlDocument SecondPage, int Id)> TwoEditorsAsync(Func<StaffSession, IHtmlDocument, Task> firstChange)
    {
        var (first, writeUrl, id) = await NewArticleAsync();
        await first.FollowAsync(await first.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        var second = await StaffSession.SignInAsync(factory, Roles.Editor);
        var firstPage = await first.GetPageAsync(writeUrl);
        var secondPage = await second.GetPageAsync(writeUrl);
        await firstChange(first, firstPage);
        return (second, secondPage, id);
    }

    [Fact]
    public async Task A_conflict_lists_only_what_both_changed_and_saving_the_reshown_page_keeps_the_other_editors_changes()
    {
        var (second, page, id) = await TwoEditorsAsync((first, p) => first.SubmitAsync(p, WriteForm,
            new() { ["Sections[0].Heading"] = "First editor's heading 1", ["Sections[1].Heading"] = "First editor's heading 2" }));

        var refused = await second.SubmitAsync(page, WriteForm, new() { ["Sections[0].Heading"] = "Second editor's heading 1" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var reshown = await StaffSession.ParseAsync(refused);
        var conflicts = reshown.QuerySelectorAll(".conflict-field").Select(c => c.TextContent).ToList();
        Assert.Single(conflicts);
        Assert.Contains("First editor's heading 1", conflicts[0]);
        Assert.Equal("Second editor's heading 1", reshown.QuerySelector<IHtmlInputElement>("[name='Sections[0].Heading']")!.Value);
        Assert.Equal("First editor's heading 2", reshown.QuerySelector<IHtmlInputElement>("[name='Sections[1].Heading']")!.Value);

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(reshown, WriteForm, []));
        Assert.Equal(["Second editor's heading 1", "First editor's heading 2", "Causes"],
            (await ArticleAsync(id)).Sections.OrderBy(s => s.Position).Select(s => s.Heading));
    }

    [Fact]
    public async Task Causes_sections_and_references_another_editor_added_are_kept_when_a_page_opened_before_is_saved()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='add:Sections[2].Causes']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='add:Sections']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='add:References']"));
            return await first.SubmitAsync(p, WriteForm, new()
            {
                ["Sections[2].Causes[1].Title"] = "Antibiotics", ["Sections[2].Causes[1].Description"] = "They kill gut bacteria too.",
                ["Sections[3].Heading"] = "Added by the first editor", ["Sections[3].Body"] = "Its text.",
                ["References[1].Title"] = "A second reference", ["References[1].AuthorNames"] = "Doe J", ["References[1].Year"] = "2020",
            });
        });

        var saved = await second.SubmitAsync(page, WriteForm, new() { ["Title"] = "Retitled by the second editor" });

        await StaffSession.AssertRedirectedAsync(saved);
        var article = await ArticleAsync(id);
        Assert.Equal("Retitled by the second editor", article.Title);
        Assert.Equal(["Stress", "Antibiotics"], article.Sections.Single(s => s.Heading == "Causes").Causes.OrderBy(c => c.Position).Select(c => c.Title));
        Assert.Equal(["What the gut does", "Facts", "Causes", "Added by the first editor"], article.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal([(1, "Allergy and the gastrointestinal system"), (2, "A second reference")],
            article.Citations.OrderBy(c => c.Number).Select(c => (c.Number, c.Title)));
    }

    [Fact]
    public async Task A_reference_added_with_the_citation_picker_is_kept_when_a_page_opened_before_is_saved()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            var token = p.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
            var version = p.QuerySelector<IHtmlInputElement>("input[name='Version']")!.Value;
            var articleId = p.QuerySelector<IHtmlFormElement>(WriteForm)!.Action.Split('/')[^2];
            var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/articles/{articleId}/citations/picker")
            {
                Content = JsonContent.Create(new
                {
                    version = int.Parse(version), number = 2, title = "Picked on the spot", authorNames = "Roe R", year = 2021,
                }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            var added = await first.Client.SendAsync(request);
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        });

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(page, WriteForm, new() { ["Title"] = "Retitled after the picker" }));

        Assert.Contains("Picked on the spot", (await ArticleAsync(id)).Citations.Select(c => c.Title));
    }

    [Fact]
    public async Task A_block_removed_by_one_editor_is_removed_unless_the_other_changed_it_which_is_a_conflict()
    {
        var (second, page, id) = await TwoEditorsAsync((first, p) => first.SubmitAsync(p, WriteForm, new() { ["Title"] = "Retitled by the first editor" }));
        var removed = await StaffSession.ParseAsync(await second.SubmitAsync(page, WriteForm, [], "button[value='remove:Sections[1].Facts[1]']"));

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(removed, WriteForm, []));
        var article = await ArticleAsync(id);
        Assert.Equal("Retitled by the first editor", article.Title);
        Assert.Equal(["Fermented foods feed gut bacteria [1]."], article.Sections.Single(s => s.Heading == "Facts").Facts.Select(f => f.Text));

        var (third, thirdPage, otherId) = await TwoEditorsAsync((first, p) => first.SubmitAsync(p, WriteForm,
            new() { ["Sections[1].Facts[1].Text"] = "Fibre matters, changed by the first editor." }));
        var withoutFact = await StaffSession.ParseAsync(await third.SubmitAsync(thirdPage, WriteForm, [], "button[value='remove:Sections[1].Facts[1]']"));
        var refused = await third.SubmitAsync(withoutFact, WriteForm, []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Fibre matters, changed by the first editor.", (await StaffSession.ParseAsync(refused)).QuerySelector(".conflict-field")!.TextContent);
        Assert.Equal(2, (await ArticleAsync(otherId)).Sections.Single(s => s.Heading == "Facts").Facts.Count);
    }

    [Fact]
    public async Task Blocks_another_editor_removed_stay_removed_when_a_page_opened_before_is_saved()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='remove:Sections[2]']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='remove:Sections[1].Facts[1]']"));
            return await first.SubmitAsync(p, WriteForm, []);
        });

        var withNewFact = await StaffSession.ParseAsync(await second.SubmitAsync(page, WriteForm, [], "button[value='add:Sections[1].Facts']"));
        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(withNewFact, WriteForm, new()
        {
            ["Title"] = "Retitled by the second editor", ["Sections[1].Facts[2].Text"] = "Added by the second editor.",
        }));

        var article = await ArticleAsync(id);
        Assert.Equal("Retitled by the second editor", article.Title);
        Assert.Equal(["What the gut does", "Facts"], article.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal(["Fermented foods feed gut bacteria [1].", "Added by the second editor."],
            article.Sections.Single(s => s.Heading == "Facts").Facts.OrderBy(f => f.Position).Select(f => f.Text));
    }

    [Fact]
    public async Task A_fact_another_editor_added_and_moved_first_is_kept_when_a_page_opened_before_is_saved()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='add:Sections[1].Facts']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, new() { ["Sections[1].Facts[2].Text"] = "Added first by the first editor." },
                "button[value='up:Sections[1].Facts[2]']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='up:Sections[1].Facts[1]']"));
            return await first.SubmitAsync(p, WriteForm, []);
        });

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(page, WriteForm, new() { ["Title"] = "Retitled by the second editor" }));

        var article = await ArticleAsync(id);
        Assert.Equal("Retitled by the second editor", article.Title);
        Assert.Equal(["Added first by the first editor.", "Fermented foods feed gut bacteria [1].", "Fibre matters."],
            article.Sections.Single(s => s.Heading == "Facts").Facts.OrderBy(f => f.Position).Select(f => f.Text));
    }

    [Fact]
    public async Task The_order_another_editor_gave_sections_and_facts_stays_when_a_page_opened_before_is_saved()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='up:Sections[1]']"));
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='down:Sections[0].Facts[0]']"));
            return await first.SubmitAsync(p, WriteForm, []);
        });

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(page, WriteForm, new() { ["Sections[0].Body"] = "Changed by the second editor [1]." }));

        var article = await ArticleAsync(id);
        Assert.Equal(["Facts", "What the gut does", "Causes"], article.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal("Changed by the second editor [1].", article.Sections.Single(s => s.Heading == "What the gut does").Body);
        Assert.Equal(["Fibre matters.", "Fermented foods feed gut bacteria [1]."],
            article.Sections.Single(s => s.Heading == "Facts").Facts.OrderBy(f => f.Position).Select(f => f.Text));
    }

    [Fact]
    public async Task Editing_a_fact_after_another_editor_removed_the_one_before_it_is_no_conflict()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='remove:Sections[1].Facts[0]']"));
            return await first.SubmitAsync(p, WriteForm, []);
        });

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[1].Text"] = "Fibre matters, said the second editor." }));

        Assert.Equal(["Fibre matters, said the second editor."], (await ArticleAsync(id)).Sections.Single(s => s.Heading == "Facts").Facts.Select(f => f.Text));
    }

    [Fact]
    public async Task A_save_refused_in_a_merge_shows_the_merge_so_that_the_problem_can_be_put_right()
    {
        var (first, writeUrl, id) = await NewArticleAsync();
        await first.FollowAsync(await first.SubmitAsync(writeUrl, WriteForm, new(WholeArticle())
        {
            ["References[1].Id"] = "0", ["References[1].Number"] = "2", ["References[1].Kind"] = "JournalArticle",
            ["References[1].AuthorNames"] = "Doe J", ["References[1].Title"] = "An uncited reference", ["References[1].Year"] = "2020",
        }));
        var second = await StaffSession.SignInAsync(factory, Roles.Editor);
        var firstPage = await first.GetPageAsync(writeUrl);
        var secondPage = await second.GetPageAsync(writeUrl);
        var withoutReference = await StaffSession.ParseAsync(await first.SubmitAsync(firstPage, WriteForm, [], "button[value='remove:References[1]']"));
        await StaffSession.AssertRedirectedAsync(await first.SubmitAsync(withoutReference, WriteForm, []));

        // A reference neither version had (one removed since is refused before any merge: StaleCitationMarkerTests).
        var refused = await second.SubmitAsync(secondPage, WriteForm, new() { ["Sections[0].Body"] = "The gut holds most of the immune system [1] [3]." });

        var reshown = await StaffSession.ParseAsync(refused);
        Assert.Contains("refers to reference 3", reshown.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("Someone else saved this article", reshown.QuerySelector(".error-summary")!.TextContent);
        Assert.Null(reshown.QuerySelector("[name='References[1].Title']"));
        Assert.Equal("The gut holds most of the immune system [1] [3].", reshown.QuerySelector<IHtmlTextAreaElement>("[name='Sections[0].Body']")!.Value);
        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(reshown, WriteForm, new() { ["Sections[0].Body"] = "The gut holds most of the immune system [1]." }));
        var article = await ArticleAsync(id);
        Assert.Equal(["Allergy and the gastrointestinal system"], article.Citations.Select(c => c.Title));
        Assert.Equal("The gut holds most of the immune system [1].", article.Sections.OrderBy(s => s.Position).First().Body);
    }

    [Fact]
    public async Task Changing_a_block_another_editor_removed_is_a_conflict_and_saving_again_keeps_it()
    {
        var (second, page, id) = await TwoEditorsAsync(async (first, p) =>
        {
            p = await StaffSession.ParseAsync(await first.SubmitAsync(p, WriteForm, [], "button[value='remove:Sections[1].Facts[1]']"));
            return await first.SubmitAsync(p, WriteForm, []);
        });

        var refused = await second.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[1].Text"] = "Fibre matters, changed by the second editor." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var reshown = await StaffSession.ParseAsync(refused);
        var conflict = Assert.Single(reshown.QuerySelectorAll(".conflict-field")).TextContent;
        Assert.Contains("removed", conflict);
        Assert.Contains("Fibre matters, changed by the second editor.", conflict);
        Assert.Single((await ArticleAsync(id)).Sections.Single(s => s.Heading == "Facts").Facts);

        await StaffSession.AssertRedirectedAsync(await second.SubmitAsync(reshown, WriteForm, []));
        Assert.Equal(["Fermented foods feed gut bacteria [1].", "Fibre matters, changed by the second editor."],
            (await ArticleAsync(id)).Sections.Single(s => s.Heading == "Facts").Facts.OrderBy(f => f.Position).Select(f => f.Text));
    }

    [Fact]
    public async Task Block_buttons_without_JavaScript_add_and_move_blocks_in_the_form_and_saving_keeps_the_order()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var page = await editor.FollowAsync(await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        var version = (await ArticleAsync(id)).Version;

        var added = await StaffSession.ParseAsync(await editor.SubmitAsync(page, WriteForm, [], "button[value='add:Sections']"));
        Assert.Equal(4, added.QuerySelectorAll("[data-list='Sections'] > li").Length);
        var moved = await StaffSession.ParseAsync(await editor.SubmitAsync(added, WriteForm,
            new() { ["Sections[3].Heading"] = "Added last, moved up", ["Sections[3].Body"] = "Its text." }, "button[value='up:Sections[3]']"));
        Assert.Contains("moved up to position 3 of 4", moved.QuerySelector("#block-announcer")!.TextContent);
        Assert.Equal(version, (await ArticleAsync(id)).Version);

        await editor.FollowAsync(await editor.SubmitAsync(moved, WriteForm, []));
        var article = await ArticleAsync(id);
        Assert.Equal(["What the gut does", "Facts", "Added last, moved up", "Causes"], article.Sections.OrderBy(s => s.Position).Select(s => s.Heading));
        Assert.Equal(version + 1, article.Version);
    }

    private static FormUrlEncodedContent AutosaveBody(IHtmlDocument page, Dictionary<string, string> changed)
    {
        var form = page.QuerySelector<IHtmlFormElement>(WriteForm)!;
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && !changed.ContainsKey(i.Name))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !changed.ContainsKey(t.Name!)).Select(t => KeyValuePair.Create(t.Name!, t.Value)))
            .Concat(changed);
        return new FormUrlEncodedContent(values);
    }

    [Fact]
    public async Task Autosave_keeps_the_typed_text_apart_from_revisions_offers_it_back_and_discards_it()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        var revisions = await RevisionCountAsync(id);

        var kept = await editor.Client.PostAsync(writeUrl + "/pending", AutosaveBody(page, new() { ["Summary"] = "Typed, not yet saved." }));

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.True(JsonDocument.Parse(await kept.Content.ReadAsStringAsync()).RootElement.TryGetProperty("savedAt", out _));
        Assert.Equal(revisions, await RevisionCountAsync(id));
        Assert.Equal("A summary.", (await ArticleAsync(id)).Summary);
        var reopened = await editor.GetPageAsync(writeUrl);
        Assert.Contains("You have unsaved changes from", reopened.QuerySelector(".pending-offer")!.TextContent);
        var restored = await editor.GetPageAsync(StaffSession.LinkTo(reopened, "Restore them"));
        Assert.Equal("Typed, not yet saved.", restored.QuerySelector<IHtmlTextAreaElement>("[name=Summary]")!.Value);

        await editor.FollowAsync(await editor.SubmitAsync(reopened, "form[action$='/pending/discard']", []));
        Assert.Null((await editor.GetPageAsync(writeUrl)).QuerySelector(".pending-offer"));
    }

    [Fact]
    public async Task An_expired_sign_in_gets_401_JSON_from_autosave_and_the_kept_text_is_offered_after_signing_in_again()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var editor = new StaffSession(factory.CreateBrowserClient(), factory);
        await editor.SignInAsync(email, password);
        var (_, writeUrl, _) = await NewArticleAsync(editor);
        var page = await editor.GetPageAsync(writeUrl);
        Assert.Equal(HttpStatusCode.OK,
            (await editor.Client.PostAsync(writeUrl + "/pending", AutosaveBody(page, new() { ["Summary"] = "Kept before the sign-in expired." }))).StatusCode);

        var signedOut = await editor.SubmitAsync(await editor.GetPageAsync("/admin"), "form[action='/admin/sign-out']", []);
        await StaffSession.AssertRedirectedAsync(signedOut);
        var autosave = await editor.Client.PostAsync(writeUrl + "/pending", AutosaveBody(page, new() { ["Summary"] = "Typed after it expired." }));

        Assert.Equal(HttpStatusCode.Unauthorized, autosave.StatusCode);
        Assert.Equal("application/json", autosave.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sign-in expired", JsonDocument.Parse(await autosave.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        // The whole form posted now goes to the sign-in page; what autosave kept is there after signing in again.
        var post = await editor.SubmitAsync(page, WriteForm, new() { ["Summary"] = "Typed after it expired." });
        Assert.Contains("/admin/sign-in", post.Headers.Location!.OriginalString);
        await editor.SignInAsync(email, password);
        var offered = await editor.GetPageAsync(writeUrl);
        var restored = await editor.GetPageAsync(StaffSession.LinkTo(offered, "Restore them"));
        Assert.Equal("Kept before the sign-in expired.", restored.QuerySelector<IHtmlTextAreaElement>("[name=Summary]")!.Value);
    }

    /// <summary>The page's scripts (autosave, paste, citation picker) are told why in JSON when refused, never sent an HTML page or a redirect.</summary>
    [Fact]
    public async Task Script_endpoints_answer_a_missing_token_a_wrong_role_and_a_missing_sign_in_with_JSON()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        var picker = $"/admin/articles/{id}/citations/picker";
        static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string says)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        HttpContent Paste() => new FormUrlEncodedContent([new("html", "<p>Pasted</p>")]);

        // Without the antiforgery token: refused, and autosave kept nothing.
        await AssertRefusedAsync(await editor.Client.PostAsync(writeUrl + "/pending",
            AutosaveBody(page, new() { ["__RequestVerificationToken"] = "", ["Summary"] = "Posted without a token." })), HttpStatusCode.BadRequest, "reload the page");
        await AssertRefusedAsync(await editor.Client.PostAsync("/admin/markdown/from-html", Paste()), HttpStatusCode.BadRequest, "reload the page");
        await AssertRefusedAsync(await editor.Client.PostAsJsonAsync(picker, new { title = "No token" }), HttpStatusCode.BadRequest, "reload the page");
        Assert.Null((await editor.GetPageAsync(writeUrl)).QuerySelector(".pending-offer"));

        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        await AssertRefusedAsync(await reviewer.Client.PostAsync(writeUrl + "/pending", AutosaveBody(page, new() { ["Summary"] = "A reviewer's." })),
            HttpStatusCode.Forbidden, "may not do this");
        await AssertRefusedAsync(await reviewer.Client.GetAsync(picker), HttpStatusCode.Forbidden, "may not do this");

        var signedOut = factory.CreateClient(new() { AllowAutoRedirect = false });
        await AssertRefusedAsync(await signedOut.PostAsync("/admin/markdown/from-html", Paste()), HttpStatusCode.Unauthorized, "sign-in expired");
        await AssertRefusedAsync(await signedOut.GetAsync(picker), HttpStatusCode.Unauthorized, "sign-in expired");
        // The live preview and live content checks put their answer into the page: never the sign-in page.
        HttpContent Markdown() => new FormUrlEncodedContent([new("markdown", "Typed text.")]);
        await AssertRefusedAsync(await signedOut.PostAsync($"/admin/articles/{id}/markdown-preview", Markdown()), HttpStatusCode.Unauthorized, "sign-in expired");
        await AssertRefusedAsync(await signedOut.PostAsync($"/admin/articles/{id}/content-checks/field", Markdown()), HttpStatusCode.Unauthorized, "sign-in expired");
    }

    /// <summary>A body over a script endpoint's size limit is answered in JSON too: RequestLimitTests (on Kestrel, which enforces it).</summary>
    [Fact]
    public async Task Script_endpoints_answer_a_missing_article_and_a_body_of_the_wrong_type_with_JSON()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        var token = page.QuerySelector<IHtmlInputElement>($"{WriteForm} input[name=__RequestVerificationToken]")!.Value;
        async Task AssertRefusedAsync(string method, string url, HttpContent? body, HttpStatusCode status, string says)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
            request.Headers.Add("RequestVerificationToken", token);
            var response = await editor.Client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        HttpContent Form(string name, string value) => new FormUrlEncodedContent([new(name, value)]);
        const string missing = "/admin/articles/999999";

        await AssertRefusedAsync("GET", $"{missing}/citations/picker", null, HttpStatusCode.NotFound, "article no longer exists");
        await AssertRefusedAsync("POST", $"{missing}/content-checks/field", Form("markdown", "Typed."), HttpStatusCode.NotFound, "article no longer exists");
        await AssertRefusedAsync("POST", $"/admin/articles/{id}/citations/picker", Form("title", "Sent as a form"),
            HttpStatusCode.UnsupportedMediaType, "reload the page");

        // Field problems keep their places (the picker puts each on its field) and say what is wrong in "error" as well.
        using var invalid = new HttpRequestMessage(HttpMethod.Post, $"/admin/articles/{id}/citations/picker")
        {
            Content = JsonContent.Create(new { version = 1, number = 1, kind = 0, authorNames = "Vighi G", title = "" }),
        };
        invalid.Headers.Add("RequestVerificationToken", token);
        var refused = await editor.Client.SendAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var answer = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Enter the title of the work.", answer.GetProperty("errors").GetProperty("Title")[0].GetString());
        Assert.Equal("Enter the title of the work.", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_conflict_on_a_references_evidence_type_shows_the_types_as_editors_name_them()
    {
        var (second, page, _) = await TwoEditorsAsync((first, p) => first.SubmitAsync(p, WriteForm, new() { ["References[0].Evidence"] = "RandomisedTrial" }));

        var refused = await second.SubmitAsync(page, WriteForm, new() { ["References[0].Evidence"] = "ObservationalStudy" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = (await StaffSession.ParseAsync(refused)).QuerySelector(".conflict-field")!.TextContent;
        Assert.Contains("Randomised trial", conflict);
        Assert.Contains("Observational study", conflict);
        Assert.DoesNotContain("RandomisedTrial", conflict);
    }

    [Fact]
    public async Task A_block_button_without_JavaScript_opens_the_page_again_on_the_block_it_changed()
    {
        var (editor, writeUrl, _) = await NewArticleAsync();
        var page = await editor.FollowAsync(await editor.SubmitAsync(writeUrl, WriteForm, WholeArticle()));
        static IElement Brought(IHtmlDocument p) => Assert.Single(p.QuerySelectorAll("[autofocus]"));

        var added = await StaffSession.ParseAsync(await editor.SubmitAsync(page, WriteForm, [], "button[value='add:Sections[1].Facts']"));
        Assert.NotNull(Brought(added).QuerySelector("[name='Sections[1].Facts[2].Text']"));
        Assert.Equal("-1", Brought(added).GetAttribute("tabindex"));

        var moved = await StaffSession.ParseAsync(await editor.SubmitAsync(added, WriteForm, [], "button[value='up:Sections[2]']"));
        Assert.Equal("Causes", Brought(moved).QuerySelector<IHtmlInputElement>("[name='Sections[1].Heading']")!.Value);

        var removed = await StaffSession.ParseAsync(await editor.SubmitAsync(moved, WriteForm, [], "button[value='remove:Sections[0]']"));
        Assert.Equal("Causes", Brought(removed).QuerySelector<IHtmlInputElement>("[name='Sections[0].Heading']")!.Value);
    }

    [Fact]
    public async Task The_writing_page_gives_its_Markdown_fields_the_citation_picker_of_its_article()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        Assert.Equal($"/admin/articles/{id}/citations/picker", page.QuerySelector(WriteForm)!.GetAttribute("data-citations-url"));
    }

    [Fact]
    public async Task The_article_page_links_to_its_writing_page()
    {
        var (editor, writeUrl, id) = await NewArticleAsync();
        var articlePage = await editor.GetPageAsync($"/admin/articles/{id}");
        Assert.Equal(writeUrl, articlePage.QuerySelector("main a.button[href$='/write']")!.GetAttribute("href"));
    }
}
