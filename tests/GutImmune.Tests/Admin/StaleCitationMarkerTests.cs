using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A form opened before someone renumbered or removed references: the citation markers typed in it are read as the
/// references were numbered when it was opened, so a merged save cites the same works, and a marker citing a reference
/// removed since refuses the save (409) with the text kept.
/// </summary>
public class StaleCitationMarkerTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string WriteForm = "#write-form";

    /// <summary>
    /// A new article of its own, written on its writing page: a text citing reference 1 (“Reference one”), a section
    /// without markers, a fact list, and references 2 and 3 cited nowhere.
    /// </summary>
    private async Task<(StaffSession Editor, int ArticleId, string WriteUrl)> NewArticleAsync()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = $"Stale markers test {Guid.NewGuid():N}", ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer",
        });
        var writeUrl = StaffSession.LinkTo(await editor.FollowAsync(created), "Write the whole article on one page");
        var fields = new Dictionary<string, string>
        {
            ["Sections[0].Id"] = "0", ["Sections[0].Heading"] = "What the gut does", ["Sections[0].Kind"] = "Prose",
            ["Sections[0].Body"] = "The gut holds most of the immune system [1].",
            ["Sections[1].Id"] = "0", ["Sections[1].Heading"] = "Facts", ["Sections[1].Kind"] = "FactList", ["Sections[1].Body"] = "",
            ["Sections[1].Facts[0].Id"] = "0", ["Sections[1].Facts[0].Text"] = "Fibre matters.",
            ["Sections[2].Id"] = "0", ["Sections[2].Heading"] = "Diet", ["Sections[2].Kind"] = "Prose", ["Sections[2].Body"] = "Diet shapes the gut.",
        };
        foreach (var (k, name) in new[] { "one", "two", "three" }.Index())
        {
            var reference = $"References[{k}].";
            fields[reference + "Id"] = "0";
            fields[reference + "Number"] = $"{k + 1}";
            fields[reference + "Kind"] = "JournalArticle";
            fields[reference + "AuthorNames"] = $"Author {name}";
            fields[reference + "Title"] = $"Reference {name}";
            fields[reference + "Year"] = "2020";
        }
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(writeUrl, WriteForm, fields));
        return (editor, int.Parse(writeUrl.Split('/')[3]), writeUrl);
    }

    private Task<Article> ArticleAsync(int articleId) =>
        factory.WithServiceAsync<GutImmuneDbContext, Article>(db => db.Articles.AsNoTracking().WithContent().SingleAsync(a => a.Id == articleId));

    private Task<int> RevisionCountAsync(int articleId) =>
        factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Revisions.CountAsync(r => r.ArticleId == articleId));

    private static int IdOf(Article article, string title) => article.Citations.Single(c => c.Title == title).Id;

    /// <summary>Another editor moves reference 1 (“Reference one”) to number 3: references 2 and 3 move up, markers with them.</summary>
    private async Task RenumberReferenceOneToThreeAsync(int articleId, string gutTextAfter = "The gut holds most of the immune system [3].")
    {
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        var citationUrl = $"/admin/articles/{articleId}/citations/{IdOf(await ArticleAsync(articleId), "Reference one")}";
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync(citationUrl, "main form", new() { ["Number"] = "3" }));
        Assert.Equal(gutTextAfter, Body(await ArticleAsync(articleId), "What the gut does"));
    }

    /// <summary>Another editor rewords the text of “What the gut does” (a change of their own, beside any renumbering).</summary>
    private async Task ChangeTheGutTextAsync(int articleId)
    {
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync(await SectionPageAsync(articleId, "What the gut does"), "main form",
            new() { ["Body"] = "The gut holds most immune cells of the body [1]." }));
    }

    /// <summary>Another editor deletes reference 2 (“Reference two”, cited nowhere): reference 3 becomes 2.</summary>
    private async Task DeleteReferenceTwoAsync(int articleId)
    {
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        var deleteUrl = $"/admin/articles/{articleId}/citations/{IdOf(await ArticleAsync(articleId), "Reference two")}/delete";
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync(deleteUrl, "form.confirm-form", []));
        Assert.Equal(["Reference one", "Reference three"], (await ArticleAsync(articleId)).Citations.OrderBy(c => c.Number).Select(c => c.Title));
    }

    private static string Body(Article article, string heading) => article.Sections.Single(s => s.Heading == heading).Body;

    private static List<string> Facts(Article article) => article.Sections.Single(s => s.Heading == "Facts").Facts.Select(f => f.Text).ToList();

    private static string CitedTitle(Article article, int number) => article.Citations.Single(c => c.Number == number).Title;

    private async Task<string> NewFactPageAsync(int articleId) =>
        $"/admin/articles/{articleId}/facts/new?sectionId={(await ArticleAsync(articleId)).Sections.Single(s => s.Heading == "Facts").Id}";

    private async Task<string> DietSectionPageAsync(int articleId) =>
        $"/admin/articles/{articleId}/sections/{(await ArticleAsync(articleId)).Sections.Single(s => s.Heading == "Diet").Id}";

    /// <summary>A refusal of a text citing reference 2 after its removal: 409, the text on the page again, and the reason.</summary>
    private async Task AssertRefusedKeepingTextAsync(HttpResponseMessage refused, string typed, int articleId, int revisionsBefore)
    {
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        Assert.Contains(page.QuerySelectorAll("textarea"), t => ((IHtmlTextAreaElement)t).Value == typed);
        var message = page.QuerySelector("main")!.TextContent;
        Assert.Contains("[2]", message);
        Assert.Contains("“Reference two”", message);
        Assert.Contains("removed since", message);
        Assert.Equal(revisionsBefore, await RevisionCountAsync(articleId));
    }

    [Fact]
    public async Task A_new_fact_typed_before_a_renumbering_cites_the_same_work_after_it()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await NewFactPageAsync(id));
        await RenumberReferenceOneToThreeAsync(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, "main form", new() { ["Text"] = "Fibre feeds gut bacteria [1]." }));

        var saved = await ArticleAsync(id);
        Assert.Contains("Fibre feeds gut bacteria [3].", Facts(saved));
        Assert.Equal("Reference one", CitedTitle(saved, 3));
    }

    [Fact]
    public async Task A_section_text_typed_before_a_renumbering_cites_the_same_work_after_it()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await DietSectionPageAsync(id));
        await RenumberReferenceOneToThreeAsync(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, "main form", new() { ["Body"] = "Diet shapes the gut [1], [2]." }));

        var saved = await ArticleAsync(id);
        Assert.Equal("Diet shapes the gut [3], [1].", Body(saved, "Diet"));
        Assert.Equal("Reference one", CitedTitle(saved, 3));
        Assert.Equal("Reference two", CitedTitle(saved, 1));
    }

    [Fact]
    public async Task The_writing_page_sent_after_a_renumbering_keeps_every_marker_on_its_work()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        await RenumberReferenceOneToThreeAsync(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "Fibre matters [1]." }));

        var saved = await ArticleAsync(id);
        Assert.Equal(["Fibre matters [3]."], Facts(saved));
        Assert.Equal("The gut holds most of the immune system [3].", Body(saved, "What the gut does"));
        Assert.Equal(["Reference two", "Reference three", "Reference one"], saved.Citations.OrderBy(c => c.Number).Select(c => c.Title));
    }

    [Fact]
    public async Task A_new_fact_citing_a_reference_removed_since_it_was_typed_is_refused_with_the_text_kept()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await NewFactPageAsync(id));
        await DeleteReferenceTwoAsync(id);
        var revisions = await RevisionCountAsync(id);

        const string typed = "Fibre feeds gut bacteria [2].";
        await AssertRefusedKeepingTextAsync(await editor.SubmitAsync(form, "main form", new() { ["Text"] = typed }), typed, id, revisions);
    }

    [Fact]
    public async Task A_section_text_citing_a_reference_removed_since_it_was_typed_is_refused_with_the_text_kept()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await DietSectionPageAsync(id));
        await DeleteReferenceTwoAsync(id);
        var revisions = await RevisionCountAsync(id);

        const string typed = "Diet shapes the gut [2].";
        await AssertRefusedKeepingTextAsync(await editor.SubmitAsync(form, "main form", new() { ["Body"] = typed }), typed, id, revisions);
    }

    [Fact]
    public async Task The_writing_page_citing_a_reference_removed_since_it_was_opened_is_refused_with_the_text_kept()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        await DeleteReferenceTwoAsync(id);
        var revisions = await RevisionCountAsync(id);

        const string typed = "Fibre matters [2].";
        await AssertRefusedKeepingTextAsync(await editor.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[0].Text"] = typed }), typed, id, revisions);
    }

    [Fact]
    public async Task A_marker_typed_before_a_removal_follows_the_reference_it_cites_to_its_new_number()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await NewFactPageAsync(id));
        await DeleteReferenceTwoAsync(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, "main form", new() { ["Text"] = "Fibre feeds gut bacteria [3]." }));

        var saved = await ArticleAsync(id);
        Assert.Contains("Fibre feeds gut bacteria [2].", Facts(saved));
        Assert.Equal("Reference three", CitedTitle(saved, 2));
    }

    /// <summary>
    /// The text of “What the gut does” citing reference 3 as well, saved before the editor opens a form: another editor's
    /// removal of reference 2 then renumbers its [3] to [2], a change to the text that is only that renumbering.
    /// </summary>
    private async Task CiteReferenceThreeAsync(StaffSession editor, string writeUrl) =>
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(writeUrl, WriteForm,
            new() { ["Sections[0].Body"] = "The gut holds most of the immune system [1]. Fibre feeds it [3]." }));

    [Fact]
    public async Task The_writing_page_merges_a_text_whose_only_change_since_was_its_markers_renumbered()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        await CiteReferenceThreeAsync(editor, writeUrl);
        var page = await editor.GetPageAsync(writeUrl);
        await DeleteReferenceTwoAsync(id);
        Assert.Equal("The gut holds most of the immune system [1]. Fibre feeds it [2].", Body(await ArticleAsync(id), "What the gut does"));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm,
            new() { ["Sections[0].Body"] = "The gut holds most of the immune system [1]. Fibre feeds its bacteria [3]." }));

        var saved = await ArticleAsync(id);
        Assert.Equal("The gut holds most of the immune system [1]. Fibre feeds its bacteria [2].", Body(saved, "What the gut does"));
        Assert.Equal("Reference three", CitedTitle(saved, 2));
    }

    [Fact]
    public async Task A_section_form_merges_a_text_whose_only_change_since_was_its_markers_renumbered()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        await CiteReferenceThreeAsync(editor, writeUrl);
        var form = await editor.GetPageAsync(await SectionPageAsync(id, "What the gut does"));
        await DeleteReferenceTwoAsync(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, "main form",
            new() { ["Body"] = "Most of the immune system lies in the gut [1]. Fibre feeds it [3]." }));

        Assert.Equal("Most of the immune system lies in the gut [1]. Fibre feeds it [2].", Body(await ArticleAsync(id), "What the gut does"));
    }

    [Fact]
    public async Task A_text_others_reworded_as_well_as_renumbered_is_still_a_conflict()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        await CiteReferenceThreeAsync(editor, writeUrl);
        var page = await editor.GetPageAsync(writeUrl);
        await ChangeTheGutTextAsync(id);
        await DeleteReferenceTwoAsync(id);
        var revisions = await RevisionCountAsync(id);

        var refused = await editor.SubmitAsync(page, WriteForm,
            new() { ["Sections[0].Body"] = "The gut holds most of the immune system [1]. Fibre feeds its bacteria [3]." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(revisions, await RevisionCountAsync(id));
    }

    private async Task<string> SectionPageAsync(int articleId, string heading) =>
        $"/admin/articles/{articleId}/sections/{(await ArticleAsync(articleId)).Sections.Single(s => s.Heading == heading).Id}";

    /// <summary>The conflict page of a text both changed: what it shows as the editor's, and its “Keep my version” pressed.</summary>
    private static async Task<HttpResponseMessage> KeepMineAsync(StaffSession editor, HttpResponseMessage refused, string shownAsYours)
    {
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await StaffSession.ParseAsync(refused);
        Assert.Contains(shownAsYours, conflict.QuerySelector(".yours")!.TextContent);
        return await editor.SubmitAsync(conflict, "main form", []);
    }

    [Fact]
    public async Task Keeping_my_section_text_on_the_conflict_page_saves_it_in_the_numbering_it_showed()
    {
        var (editor, id, _) = await NewArticleAsync();
        var form = await editor.GetPageAsync(await SectionPageAsync(id, "What the gut does"));
        await ChangeTheGutTextAsync(id);
        await RenumberReferenceOneToThreeAsync(id, "The gut holds most immune cells of the body [3].");
        var refused = await editor.SubmitAsync(form, "main form", new() { ["Body"] = "Immune cells line the gut [1], [2]." });

        await StaffSession.AssertRedirectedAsync(await KeepMineAsync(editor, refused, "Immune cells line the gut [3], [1]."));

        var saved = await ArticleAsync(id);
        Assert.Equal("Immune cells line the gut [3], [1].", Body(saved, "What the gut does"));
        Assert.Equal("Reference one", CitedTitle(saved, 3));
    }

    [Fact]
    public async Task Keeping_my_fact_on_the_conflict_page_saves_it_in_the_numbering_it_showed()
    {
        var (editor, id, _) = await NewArticleAsync();
        var factUrl = $"/admin/articles/{id}/facts/{(await ArticleAsync(id)).Sections.Single(s => s.Heading == "Facts").Facts.Single().Id}";
        var form = await editor.GetPageAsync(factUrl);
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync(factUrl, "main form", new() { ["Text"] = "Fibre matters to gut bacteria." }));
        await RenumberReferenceOneToThreeAsync(id);
        var refused = await editor.SubmitAsync(form, "main form", new() { ["Text"] = "Fibre matters [1]." });

        await StaffSession.AssertRedirectedAsync(await KeepMineAsync(editor, refused, "Fibre matters [3]."));

        Assert.Equal(["Fibre matters [3]."], Facts(await ArticleAsync(id)));
    }

    [Fact]
    public async Task Saving_the_writing_page_again_after_a_conflict_keeps_the_numbering_it_showed()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        await ChangeTheGutTextAsync(id);
        await RenumberReferenceOneToThreeAsync(id, "The gut holds most immune cells of the body [3].");
        var refused = await editor.SubmitAsync(page, WriteForm, new() { ["Sections[0].Body"] = "Immune cells line the gut [1], [2]." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(await StaffSession.ParseAsync(refused), WriteForm, []));

        var saved = await ArticleAsync(id);
        Assert.Equal("Immune cells line the gut [3], [1].", Body(saved, "What the gut does"));
        Assert.Equal(["Reference two", "Reference three", "Reference one"], saved.Citations.OrderBy(c => c.Number).Select(c => c.Title));
    }

    [Fact]
    public async Task A_reference_inserted_at_number_1_while_the_writing_page_was_open_is_kept_by_its_save()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync($"/admin/articles/{id}/citations/new", "main form", new()
        {
            ["Number"] = "1", ["AuthorNames"] = "Inserted I", ["Title"] = "Inserted reference", ["Year"] = "2021",
        }));
        Assert.Equal("The gut holds most of the immune system [2].", Body(await ArticleAsync(id), "What the gut does"));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new()
        {
            ["Summary"] = "A summary written while a reference was inserted.", ["Sections[1].Facts[0].Text"] = "Fibre matters [1].",
        }));

        var saved = await ArticleAsync(id);
        Assert.Equal("A summary written while a reference was inserted.", saved.Summary);
        Assert.Equal(["Inserted reference", "Reference one", "Reference two", "Reference three"], saved.Citations.OrderBy(c => c.Number).Select(c => c.Title));
        Assert.Equal("The gut holds most of the immune system [2].", Body(saved, "What the gut does"));
        Assert.Equal(["Fibre matters [2]."], Facts(saved));
    }

    /// <summary>Another editor inserts, at number 1 on the new-reference page, a reference identical to “Reference one”.</summary>
    private async Task InsertCopyOfReferenceOneAtNumber1Async(int articleId)
    {
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync($"/admin/articles/{articleId}/citations/new", "main form", new()
        {
            ["Number"] = "1", ["Kind"] = "JournalArticle", ["AuthorNames"] = "Author one", ["Title"] = "Reference one", ["Year"] = "2020",
        }));
        Assert.Equal("The gut holds most of the immune system [2].", Body(await ArticleAsync(articleId), "What the gut does"));
    }

    [Fact]
    public async Task A_copy_of_a_reference_inserted_before_it_while_the_writing_page_was_open_is_kept_with_the_editors_change_to_the_original()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        await InsertCopyOfReferenceOneAtNumber1Async(id);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new()
        {
            ["Summary"] = "A summary written while a copy was inserted.", ["References[0].Pages"] = "12-15",
        }));

        var saved = await ArticleAsync(id);
        Assert.Equal("A summary written while a copy was inserted.", saved.Summary);
        Assert.Equal([(1, "Reference one", null), (2, "Reference one", "12-15"), (3, "Reference two", null), (4, "Reference three", null)],
            saved.Citations.OrderBy(c => c.Number).Select(c => (c.Number, c.Title, c.Pages)));
        Assert.Equal("The gut holds most of the immune system [2].", Body(saved, "What the gut does"));
    }

    [Fact]
    public async Task A_save_against_a_revision_that_recorded_no_reference_ids_follows_its_references_by_content()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await editor.GetPageAsync(writeUrl);
        await RenumberReferenceOneToThreeAsync(id);
        // As rows written before the RevisionReferenceIds migration hold them.
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Database.ExecuteSqlAsync($"UPDATE \"Revisions\" SET \"ReferenceIds\" = NULL WHERE \"ArticleId\" = {id}"));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "Fibre matters [1], [2]." }));

        var saved = await ArticleAsync(id);
        Assert.Equal(["Fibre matters [3], [1]."], Facts(saved));
        Assert.Equal(["Reference two", "Reference three", "Reference one"], saved.Citations.OrderBy(c => c.Number).Select(c => c.Title));
    }

    [Fact]
    public async Task A_reference_added_on_the_writing_page_while_another_took_its_number_is_numbered_after_it_with_its_markers()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await StaffSession.ParseAsync(await editor.SubmitAsync(await editor.GetPageAsync(writeUrl), WriteForm, [], "button[value='add:References']"));
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync($"/admin/articles/{id}/citations/new", "main form", new()
        {
            ["Number"] = "4", ["AuthorNames"] = "Other O", ["Title"] = "Added on its own page", ["Year"] = "2021",
        }));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new()
        {
            ["References[3].AuthorNames"] = "Writer W", ["References[3].Title"] = "Added on the writing page", ["References[3].Year"] = "2022",
            ["Sections[1].Facts[0].Text"] = "Fibre matters [4].",
        }));

        var saved = await ArticleAsync(id);
        Assert.Equal(["Reference one", "Reference two", "Reference three", "Added on its own page", "Added on the writing page"],
            saved.Citations.OrderBy(c => c.Number).Select(c => c.Title));
        Assert.Equal(Enumerable.Range(1, 5), saved.Citations.OrderBy(c => c.Number).Select(c => c.Number));
        Assert.Equal(["Fibre matters [5]."], Facts(saved));
    }

    [Fact]
    public async Task A_reference_removed_on_the_writing_page_leaves_no_gap_and_markers_follow_the_references_after_it()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await StaffSession.ParseAsync(await editor.SubmitAsync(await editor.GetPageAsync(writeUrl), WriteForm, [], "button[value='remove:References[1]']"));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "Fibre matters [3]." }));

        var saved = await ArticleAsync(id);
        Assert.Equal([(1, "Reference one"), (2, "Reference three")], saved.Citations.OrderBy(c => c.Number).Select(c => (c.Number, c.Title)));
        Assert.Equal(["Fibre matters [2]."], Facts(saved));
        Assert.Equal("The gut holds most of the immune system [1].", Body(saved, "What the gut does"));
    }

    [Fact]
    public async Task A_reference_added_on_the_writing_page_after_removing_one_there_takes_a_new_number_so_the_removed_ones_markers_are_refused()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await StaffSession.ParseAsync(await editor.SubmitAsync(await editor.GetPageAsync(writeUrl), WriteForm, [], "button[value='remove:References[2]']"));
        page = await StaffSession.ParseAsync(await editor.SubmitAsync(page, WriteForm, [], "button[value='add:References']"));
        Assert.Equal("4", page.QuerySelector<IHtmlInputElement>("[name='References[2].Number']")!.Value);
        var added = new Dictionary<string, string>
        {
            ["References[2].AuthorNames"] = "Writer W", ["References[2].Title"] = "Added on the writing page", ["References[2].Year"] = "2022",
        };

        var refused = await editor.SubmitAsync(page, WriteForm, new(added) { ["Sections[1].Facts[0].Text"] = "Fibre matters [3]." });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await StaffSession.ParseAsync(refused);
        Assert.Contains("cites reference 3, which is removed", shown.QuerySelector("[name='Sections[1].Facts[0].Text']")!.Closest(".field")!.TextContent);
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(shown, WriteForm, new(added) { ["Sections[1].Facts[0].Text"] = "Fibre matters [4]." }));
        var saved = await ArticleAsync(id);
        Assert.Equal([(1, "Reference one"), (2, "Reference two"), (3, "Added on the writing page")], saved.Citations.OrderBy(c => c.Number).Select(c => (c.Number, c.Title)));
        Assert.Equal(["Fibre matters [3]."], Facts(saved));
    }

    [Fact]
    public async Task A_reference_removed_on_the_writing_page_while_still_cited_is_refused_on_the_citing_text()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var page = await StaffSession.ParseAsync(await editor.SubmitAsync(await editor.GetPageAsync(writeUrl), WriteForm, [], "button[value='remove:References[0]']"));
        var revisions = await RevisionCountAsync(id);

        var refused = await editor.SubmitAsync(page, WriteForm, []);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await StaffSession.ParseAsync(refused);
        Assert.Contains("The text cites reference 1, which is removed from the references", shown.QuerySelector("[name='Sections[0].Body']")!.Closest(".field")!.TextContent);
        Assert.Equal(revisions, await RevisionCountAsync(id));
        Assert.Equal(["Reference one", "Reference two", "Reference three"], (await ArticleAsync(id)).Citations.OrderBy(c => c.Number).Select(c => c.Title));
    }

    [Fact]
    public async Task A_marker_typed_for_a_reference_a_restore_removed_since_is_refused_not_given_to_the_reference_now_at_its_number()
    {
        var (editor, id, writeUrl) = await NewArticleAsync();
        var withoutInserted = (await ArticleAsync(id)).Version;
        var other = await StaffSession.SignInAsync(factory, Roles.Editor);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync($"/admin/articles/{id}/citations/new", "main form", new()
        {
            ["Number"] = "1", ["AuthorNames"] = "Inserted I", ["Title"] = "Inserted reference", ["Year"] = "2021",
        }));
        var page = await editor.GetPageAsync(writeUrl);
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync($"/admin/articles/{id}/revisions/{withoutInserted}/restore", "form.confirm-form", []));
        var revisions = await RevisionCountAsync(id);

        var refused = await editor.SubmitAsync(page, WriteForm, new() { ["Sections[1].Facts[0].Text"] = "Fibre matters [1]." });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("“Inserted reference”", (await StaffSession.ParseAsync(refused)).QuerySelector("main")!.TextContent);
        Assert.Equal(revisions, await RevisionCountAsync(id));
    }
}
