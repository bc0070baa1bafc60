using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Reading;

/// <summary>
/// Corrections and change notes: a change published to a live article carries a public note, which readers see as
/// "Last updated — note" in the header and in the article's history of changes; a first publication needs none.
/// </summary>
public class ChangeNoteTests(GutImmuneFactory site) : IClassFixture<GutImmuneFactory>
{
    /// <summary>A new article published (reviewed, with no note), its admin address, and an Editor who is also a Reviewer.</summary>
    private async Task<(StaffSession Editor, string AdminUrl)> PublishedArticleAsync(string slug)
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Note test " + slug, ["Slug"] = slug, ["Summary"] = "A synthetic article made by a test.", ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Synthetic body text." }));
        await editor.ReviewAndPublishAsync(adminUrl);
        return (editor, adminUrl);
    }

    /// <summary>Changes the summary and signs off the changed content: what publishing the changes needs besides the note.</summary>
    private static async Task<IHtmlDocument> ReviewedChangeAsync(StaffSession editor, string adminUrl, string summary)
    {
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = summary }));
        return await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']", []));
    }

    private async Task<IHtmlDocument> ReaderPageAsync(string slug) =>
        await StaffSession.ParseAsync(await site.CreateClient().GetAsync($"/articles/{slug}?fresh={Guid.NewGuid():N}"));

    /// <summary>Text as a browser lays it out: runs of white space are one space.</summary>
    private static string Text(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public async Task A_first_publication_needs_no_change_note_and_shows_no_history()
    {
        await PublishedArticleAsync("note-first");

        var page = await ReaderPageAsync("note-first");
        Assert.Null(page.QuerySelector(".last-updated"));
        Assert.Null(page.QuerySelector(".change-history"));
    }

    [Fact]
    public async Task A_change_note_loses_control_and_direction_characters_and_one_of_only_those_is_refused()
    {
        var (editor, adminUrl) = await PublishedArticleAsync("note-plain");
        var signedOff = await ReviewedChangeAsync(editor, adminUrl, "A corrected summary.");

        var refusedResponse = await editor.SubmitAsync(signedOff, "form.publish-form", new() { ["ChangeNote"] = "\u202E\u2066\u0007" }, "button[value=publish]");
        Assert.Equal(HttpStatusCode.BadRequest, refusedResponse.StatusCode);
        var refused = await StaffSession.ParseAsync(refusedResponse);
        Assert.Contains("Write a short note of what changed", refused.QuerySelector("#ChangeNote-error")!.TextContent);

        // Zero-width characters plain text keeps (a zero-width space, word joiner, byte-order mark) show nothing either.
        var zeroWidthResponse = await editor.SubmitAsync(refused, "form.publish-form", new() { ["ChangeNote"] = "\u200B\u2060\uFEFF\u200E" }, "button[value=publish]");
        Assert.Equal(HttpStatusCode.BadRequest, zeroWidthResponse.StatusCode);
        refused = await StaffSession.ParseAsync(zeroWidthResponse);
        Assert.Contains("Write a short note of what changed", refused.QuerySelector("#ChangeNote-error")!.TextContent);

        await editor.FollowAsync(await editor.SubmitAsync(refused, "form.publish-form", new() { ["ChangeNote"] = "Corrected\u202E the\u0007 summary\u2069" }, "button[value=publish]"));

        Assert.Equal("Corrected the summary", await site.WithServiceAsync<GutImmuneDbContext, string>(db =>
            db.ChangeNotes.Where(n => db.Articles.Any(a => a.Id == n.ArticleId && a.Slug == "note-plain")).Select(n => n.Note).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_changes_to_a_live_article_needs_a_change_note_which_readers_see_with_the_history_of_changes()
    {
        var (editor, adminUrl) = await PublishedArticleAsync("note-live");
        var signedOff = await ReviewedChangeAsync(editor, adminUrl, "A corrected summary.");

        var refusedResponse = await editor.SubmitAsync(signedOff, "form.publish-form", new() { ["ChangeNote"] = "  " }, "button[value=publish]");
        Assert.Equal(HttpStatusCode.BadRequest, refusedResponse.StatusCode);
        var refused = await StaffSession.ParseAsync(refusedResponse);
        Assert.Contains("Write a short note of what changed", refused.QuerySelector("#ChangeNote-error")!.TextContent);
        Assert.Equal("A synthetic article made by a test.", (await ReaderPageAsync("note-live")).QuerySelector(".standfirst")!.TextContent);

        await editor.FollowAsync(await editor.SubmitAsync(refused, "form.publish-form", new() { ["ChangeNote"] = "Corrected the summary" }, "button[value=publish]"));
        await editor.FollowAsync(await editor.SubmitAsync(await ReviewedChangeAsync(editor, adminUrl, "A summary updated again."), "form.publish-form",
            new() { ["ChangeNote"] = "Updated the summary on antibiotics" }, "button[value=publish]"));

        var page = await ReaderPageAsync("note-live");
        Assert.Equal("A summary updated again.", page.QuerySelector(".standfirst")!.TextContent);
        var today = site.Clock.GetUtcNow().UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Last updated {today} — Updated the summary on antibiotics", Text(page.QuerySelector(".article-header .last-updated")!.TextContent));
        // One "updated" line in the header: the note's, not a second bare date beside it.
        Assert.DoesNotContain(page.QuerySelectorAll(".article-header .dates dt"), dt => dt.TextContent.Trim() == "Updated");
        Assert.Equal([$"{today} — Updated the summary on antibiotics", $"{today} — Corrected the summary"],
            page.QuerySelectorAll(".change-history li").Select(li => Text(li.TextContent)).ToList());
        var versions = await site.WithServiceAsync<GutImmuneDbContext, List<int>>(db =>
            db.ChangeNotes.Where(n => db.Articles.Any(a => a.Id == n.ArticleId && a.Slug == "note-live")).OrderBy(n => n.Id).Select(n => n.Version).ToListAsync());
        Assert.Equal(2, versions.Count);
    }

    [Fact]
    public async Task Publishing_changes_without_a_review_shows_a_missing_reason_and_a_missing_note_together()
    {
        var (_, adminUrl) = await PublishedArticleAsync("note-override");
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        await admin.FollowAsync(await admin.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "Changed without a review." }));

        var refusedResponse = await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = " ", ["ChangeNote"] = " " },
            "button[value=publishWithoutReview]");
        Assert.Equal(HttpStatusCode.BadRequest, refusedResponse.StatusCode);
        var refused = await StaffSession.ParseAsync(refusedResponse);
        Assert.Contains("Write why the article must be published without a medical review", refused.QuerySelector("#OverrideReason-error")!.TextContent);
        Assert.Contains("Write a short note of what changed", refused.QuerySelector("#OverrideChangeNote-error")!.TextContent);
        Assert.Equal("A synthetic article made by a test.", (await ReaderPageAsync("note-override")).QuerySelector(".standfirst")!.TextContent);
    }

    [Fact]
    public async Task Saving_the_working_copy_or_restoring_a_revision_writes_no_change_note()
    {
        var (editor, adminUrl) = await PublishedArticleAsync("note-unpublished-save");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "Saved, not published." }));
        await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/1/restore", "form.confirm-form", []));

        Assert.Null((await ReaderPageAsync("note-unpublished-save")).QuerySelector(".last-updated"));
        Assert.Equal(0, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.ChangeNotes.CountAsync(n => db.Articles.Any(a => a.Id == n.ArticleId && a.Slug == "note-unpublished-save"))));
    }
}
