using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A problem with content is shown where the editor can act on it: on the field of the form that edits that part of the
/// article, and anywhere else named by its place in words, counting from 1 as editors do.
/// </summary>
public class ProblemPlaceTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string Slug = "gut-immune-system-connection";

    [Fact]
    public async Task A_problem_in_a_facts_text_shows_on_the_fact_forms_text_field()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var factSection = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts");
        var fact = StaffSession.LinkTo(await editor.GetPageAsync(factSection), "Breastfeeding");

        var response = await editor.SubmitAsync(fact, "main form", new() { ["Text"] = "An unsourced claim.[42]" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("reference 42", page.QuerySelector(".markdown-field .field-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("textarea[name=Text]")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_fact_moved_to_a_section_of_another_kind_is_refused_on_the_section_choice()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var article = await editor.GetPageAsync(adminUrl);
        var proseSectionId = StaffSession.LinkTo(article, "Introduction").Split('/').Last();
        var fact = StaffSession.LinkTo(await editor.GetPageAsync(StaffSession.LinkTo(article, "Interesting Facts")), "Breastfeeding");

        // The form offers only fact-list sections: another arrives from a hand-made post, or one changed since the page was opened.
        var response = await editor.SubmitAsync(fact, "main form", new() { ["SectionId"] = proseSectionId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reshown = await StaffSession.ParseAsync(response);
        Assert.Equal("true", reshown.QuerySelector("select[name=SectionId]")!.GetAttribute("aria-invalid"));
        Assert.Contains("section for the fact.", reshown.QuerySelector("select[name=SectionId]")!.ParentElement!.QuerySelector(".field-error")!.TextContent);
    }

    [Fact]
    public async Task A_refused_restore_names_the_place_in_words_counting_from_1()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var edit = await editor.GetPageAsync(adminUrl);
        var version = int.Parse(edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        await editor.FollowAsync(await editor.SubmitAsync(edit, $"form[action='{adminUrl}']", new() { ["Summary"] = "A newer summary." }));
        // A revision saved under rules since tightened: its third fact of a section is empty.
        var section = await factory.WithServiceAsync<GutImmuneDbContext, int>(async db =>
        {
            var articleId = await db.Articles.Where(a => a.Slug == Slug).Select(a => a.Id).SingleAsync();
            var revision = await db.Revisions.SingleAsync(r => r.ArticleId == articleId && r.Version == version);
            var snapshot = JsonNode.Parse(revision.ReadSnapshot())!;
            var sections = snapshot["sections"]!.AsArray();
            var index = sections.Select((s, i) => (s, i)).First(p => p.s!["facts"] is JsonArray { Count: >= 3 }).i;
            sections[index]!["facts"]![2] = "";
            db.Entry(revision).Property(r => r.CompressedSnapshot).CurrentValue = null;
            db.Entry(revision).Property(r => r.UncompressedSnapshot).CurrentValue = snapshot.ToJsonString();
            await db.SaveChangesAsync();
            return index;
        });

        var refused = await editor.SubmitAsync($"{adminUrl}/revisions/{version}/restore", "form.confirm-form", []);

        await StaffSession.AssertRedirectedAsync(refused);
        var message = (await editor.FollowAsync(refused)).QuerySelector("main")!.TextContent;
        Assert.Contains($"Version {version} cannot be restored: Section {section + 1}, fact 3: is required.", message);
        Assert.DoesNotContain("sections[", message);
    }
}
