using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using GutImmune.Web.Data;
using GutImmune.Web.Auditing;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Deleting, unpublishing and restoring never happen in one click: the button leads to a page that says what will be
/// lost, and only its form (with the confirmation) acts. An unconfirmed post, as an old page or a replayed form would
/// send, shows that page too. No script involved.
/// </summary>
public class ConfirmationTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    /// <summary>The link named <paramref name="linkText"/> in the list item that mentions <paramref name="itemText"/>.</summary>
    private static string LinkInItem(IHtmlDocument page, string itemText, string linkText) =>
        page.QuerySelectorAll("li").Last(li => li.TextContent.Contains(itemText))
            .QuerySelectorAll("a").First(a => a.TextContent.StartsWith(linkText)).GetAttribute("href")!;

    /// <summary>
    /// Opens the confirmation page behind <paramref name="url"/> and checks it names what will be lost; then posts its
    /// form without the confirmation (as a one-click form would), which must show the same page and change nothing.
    /// </summary>
    private static async Task<IHtmlDocument> AssertAsksFirstAsync(StaffSession editor, string url, params string[] mentions)
    {
        var confirmation = await editor.GetPageAsync(url);
        var main = confirmation.QuerySelector("main")!.TextContent;
        foreach (var mention in mentions)
            Assert.Contains(mention, main);
        Assert.NotNull(confirmation.QuerySelector("form.confirm-form button[type=submit]"));
        Assert.NotNull(confirmation.QuerySelector("form.confirm-form input[name=__RequestVerificationToken]"));
        Assert.NotNull(confirmation.QuerySelector("form.confirm-form a[href]")); // Cancel

        var form = confirmation.QuerySelector<IHtmlFormElement>("form.confirm-form")!;
        var unconfirmed = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name != "Confirmed")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        var response = await editor.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(unconfirmed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await StaffSession.ParseAsync(response);
        Assert.Equal(confirmation.QuerySelector("h1")!.TextContent, again.QuerySelector("h1")!.TextContent);
        return confirmation;
    }

    private static Task<HttpResponseMessage> ConfirmAsync(StaffSession editor, IHtmlDocument confirmation) =>
        editor.SubmitAsync(confirmation, "form.confirm-form", []);

    [Fact]
    public async Task Deleting_a_section_asks_first_and_deletes_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var heading = "Points to Remember";
        var deleteUrl = LinkInItem(await editor.GetPageAsync(adminUrl), heading, "Delete");

        var confirmation = await AssertAsksFirstAsync(editor, deleteUrl, $"Delete the section “{heading}”?", "its text");
        Assert.Contains(heading, (await editor.GetPageAsync(adminUrl)).QuerySelector("#sections-heading + ol")!.TextContent);

        var page = await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.DoesNotContain(heading, page.QuerySelector("#sections-heading + ol")!.TextContent);
    }

    [Fact]
    public async Task Deleting_a_fact_asks_first_and_deletes_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts");
        var section = await editor.GetPageAsync(sectionUrl);
        var fact = "Breastfeeding further nourishes";
        var deleteUrl = LinkInItem(section, fact, "Delete");

        var confirmation = await AssertAsksFirstAsync(editor, deleteUrl, "Delete fact", fact);
        Assert.Contains(fact, (await editor.GetPageAsync(sectionUrl)).QuerySelector("main")!.TextContent);

        var page = await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.DoesNotContain(fact, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_deleted_fact_is_audited_and_confirming_it_again_from_a_stale_page_says_it_is_gone_and_links_to_the_article()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var section = await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Interesting Facts"));
        var deleteUrl = LinkInItem(section, "Plasma cells in your gut produce antibodies", "Delete");
        var firstTab = await editor.GetPageAsync(deleteUrl);
        var secondTab = await editor.GetPageAsync(deleteUrl);

        await editor.FollowAsync(await ConfirmAsync(editor, firstTab));
        var response = await ConfirmAsync(editor, secondTab);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var again = await StaffSession.ParseAsync(response);
        Assert.Contains("deleted this fact", again.QuerySelector(".error-summary")!.TextContent);
        Assert.NotNull(again.QuerySelector($"main a[href='{adminUrl}']"));
        var audited = await factory.WithServiceAsync<GutImmuneDbContext, List<AuditEntry>>(db =>
            db.AuditEntries.Where(e => e.Action == AuditLog.Actions.Deleted && e.Target.StartsWith("fact ")).ToListAsync());
        Assert.Contains(audited, e => e.Target.Contains("Interesting Facts") && e.Details!.Contains("Plasma cells in your gut produce antibodies"));
    }

    [Fact]
    public async Task Deleting_a_cause_asks_first_and_deletes_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "What Causes");
        var cause = "Overindulgence in Alcohol";
        var deleteUrl = LinkInItem(await editor.GetPageAsync(sectionUrl), cause, "Delete");

        var confirmation = await AssertAsksFirstAsync(editor, deleteUrl, $"“{cause}”");
        Assert.Contains(cause, (await editor.GetPageAsync(sectionUrl)).QuerySelector("main")!.TextContent);

        var page = await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.DoesNotContain(cause, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Deleting_a_reference_asks_first_and_deletes_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["AuthorNames"] = "Confirm C.", ["Title"] = "A reference to be deleted", ["Year"] = "2021",
        }));
        var deleteUrl = LinkInItem(await editor.GetPageAsync(adminUrl), "Confirm C.", "Delete");

        var confirmation = await AssertAsksFirstAsync(editor, deleteUrl, "Confirm C.", "move up one number");
        Assert.Contains("Confirm C.", (await editor.GetPageAsync(adminUrl)).QuerySelector("#references-heading + ol")!.TextContent);

        var page = await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.DoesNotContain("Confirm C.", page.QuerySelector("#references-heading + ol")!.TextContent);
    }

    [Fact]
    public async Task A_cited_reference_cannot_be_confirmed_for_deletion()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var edit = await editor.GetPageAsync(adminUrl);
        var first = edit.QuerySelectorAll("#references-heading + ol > li").First();

        var confirmation = await editor.GetPageAsync(first.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Delete")).GetAttribute("href")!);

        Assert.Contains("is still cited", confirmation.QuerySelector("main")!.TextContent);
        Assert.Null(confirmation.QuerySelector("form.confirm-form"));
    }

    [Fact]
    public async Task Unpublishing_asks_first_and_unpublishes_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        const string readerUrl = "/articles/gut-immune-system-connection";
        var unpublishUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("#workflow-heading ~ * a").First(a => a.TextContent == "Unpublish").GetAttribute("href")!;

        var confirmation = await AssertAsksFirstAsync(editor, unpublishUrl, "Unpublish “The Gut-Immune System Connection”?", readerUrl);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(readerUrl)).StatusCode);

        await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(readerUrl)).StatusCode);
    }

    [Fact]
    public async Task Restoring_a_revision_asks_first_showing_what_it_undoes_and_restores_only_when_confirmed()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var edit = await editor.GetPageAsync(adminUrl);
        var version = edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(edit, $"form[action='{adminUrl}']", new() { ["Summary"] = "A summary the restore will undo." }));
        var restoreUrl = (await editor.GetPageAsync(adminUrl + "/revisions")).QuerySelectorAll("tbody a")
            .First(a => a.TextContent == $"Restore version {version}").GetAttribute("href")!;

        var confirmation = await AssertAsksFirstAsync(editor, restoreUrl, $"Restore version {version}?");
        Assert.Contains("A summary the restore will undo.", confirmation.QuerySelector(".diff del")!.TextContent);
        Assert.Contains("A summary the restore will undo.", (await editor.GetPageAsync(adminUrl)).QuerySelector("textarea[name=Summary]")!.TextContent);

        var page = await editor.FollowAsync(await ConfirmAsync(editor, confirmation));
        Assert.DoesNotContain("A summary the restore will undo.", page.QuerySelector("textarea[name=Summary]")!.TextContent);
    }

    [Theory]
    [InlineData("/sections/999999/delete")]
    [InlineData("/facts/999999/delete")]
    [InlineData("/causes/999999/delete")]
    [InlineData("/citations/999999/delete")]
    [InlineData("/revisions/999999/restore")]
    public async Task Confirmation_pages_for_what_does_not_exist_answer_404(string path)
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);

        await editor.GetPageAsync(adminUrl + path, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{0}/revisions/999999/restore")]
    [InlineData("/admin/articles/999999/revisions/1/restore")]
    public async Task Confirming_the_restore_of_a_revision_that_does_not_exist_answers_404(string restoreUrl)
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var edit = await editor.GetPageAsync(adminUrl);
        var version = edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(edit, $"form[action='{adminUrl}']", new() { ["Summary"] = $"A summary with a version before it ({Guid.NewGuid():N})." }));
        var confirmation = await editor.GetPageAsync($"{adminUrl}/revisions/{version}/restore");
        confirmation.QuerySelector("form.confirm-form")!.SetAttribute("action", string.Format(restoreUrl, adminUrl));

        var response = await ConfirmAsync(editor, confirmation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await StaffSession.ParseAsync(response)).QuerySelector("main h1")?.TextContent);
    }
}
