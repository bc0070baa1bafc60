using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Media;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Nothing reaches readers without a medical review signed off for exactly the content they read: the workflow over
/// HTTP, the sign-off bound to the content, import and restore, and the Admin's audited override.
/// </summary>
public class ReviewGateTests(GutImmuneFactory site) : IClassFixture<GutImmuneFactory>
{
    private async Task<string> NewDraftAsync(StaffSession editor, string slug, bool withSection = true)
    {
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Gate test " + slug, ["Slug"] = slug, ["Summary"] = "A synthetic article made by a test.", ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        if (withSection)
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Synthetic body text." }));
        return adminUrl;
    }

    /// <summary>Posts a workflow step as a crafted request would, whether or not the page offers its button.</summary>
    private async Task<HttpResponseMessage> PostStepAsync(StaffSession session, string adminUrl, string step, Dictionary<string, string>? fields = null)
    {
        var page = await session.GetPageAsync(adminUrl);
        var id = int.Parse(adminUrl.Split('/').Last());
        var version = await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        var values = new Dictionary<string, string>(fields ?? [])
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = version.ToString(),
            ["Step"] = step,
            ["Confirmed"] = "true",
        };
        return await session.Client.PostAsync(adminUrl + "/status", new FormUrlEncodedContent(values));
    }

    private Task<(int Version, string Status, int AuditEntries)> StoredAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, (int, string, int)>(async db =>
        {
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Slug == slug);
            var audit = await db.AuditEntries.CountAsync(e => e.Target.Contains("(" + slug + ")"));
            return (article.Version, article.Status.ToString(), audit);
        });

    private static string Buttons(IHtmlDocument page) =>
        string.Join(",", page.QuerySelectorAll("#workflow-heading ~ * button[name=Step]").Select(b => b.GetAttribute("value")).Order());

    private async Task<HttpStatusCode> ReaderStatusAsync(string slug) =>
        (await site.CreateClient().GetAsync($"/articles/{slug}?fresh={Guid.NewGuid():N}")).StatusCode;

    private static string Errors(IHtmlDocument page) => page.QuerySelector(".error-summary")?.TextContent ?? "";

    [Fact]
    public async Task Steps_posted_by_the_wrong_role_or_from_the_wrong_state_are_refused_and_change_nothing()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-refusals");

        // 409 when the article's state does not allow the step, 403 when the person may not take it: the page says why.
        var refusals = new (StaffSession Who, string Step, HttpStatusCode Status, string Says)[]
        {
            (editor, "publish", HttpStatusCode.Conflict, "is not a step an article that is a draft can take"),
            (editor, "returnToDraft", HttpStatusCode.Conflict, "is not a step an article that is a draft can take"),
            (editor, "unpublish", HttpStatusCode.Conflict, "is not a step an article that is a draft can take"),
            (editor, "requestChanges", HttpStatusCode.Forbidden, "Only Admins or Reviewers may take the step “Request changes”"),
            (editor, "publishWithoutReview", HttpStatusCode.Forbidden, "Only Admins may take the step “Publish without a review”"),
            (reviewer, "submit", HttpStatusCode.Forbidden, "Only Admins or Editors may take the step “Submit for review”"),
            (reviewer, "publish", HttpStatusCode.Forbidden, "Only Admins or Editors may take the step “Publish”"),
        };
        foreach (var (who, step, status, says) in refusals)
        {
            var before = await StoredAsync("gate-refusals");
            var response = await PostStepAsync(who, adminUrl, step, new() { ["OverrideReason"] = "A reason." });
            Assert.Equal(status, response.StatusCode);
            var page = await StaffSession.ParseAsync(response);
            Assert.Contains(says, Errors(page));
            Assert.Equal("Gate test gate-refusals", page.QuerySelector("h1")?.TextContent);
            Assert.Equal(before, await StoredAsync("gate-refusals"));
        }

        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "submit"));
        var inReview = await StoredAsync("gate-refusals");
        Assert.Equal("InReview", inReview.Status);
        var editorResponse = await PostStepAsync(editor, adminUrl, "requestChanges");
        Assert.Equal(HttpStatusCode.Forbidden, editorResponse.StatusCode);
        Assert.Contains("Only Admins or Reviewers may take the step “Request changes”", Errors(await StaffSession.ParseAsync(editorResponse)));
        var twice = await PostStepAsync(editor, adminUrl, "submit");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("is not a step an article that is in review can take", Errors(await StaffSession.ParseAsync(twice)));
        Assert.Equal(inReview, await StoredAsync("gate-refusals"));

        Assert.Equal("returnToDraft", Buttons(await editor.GetPageAsync(adminUrl)));
        Assert.Equal("requestChanges", Buttons(await reviewer.GetPageAsync(adminUrl)));
        await StaffSession.AssertRedirectedAsync(await PostStepAsync(reviewer, adminUrl, "requestChanges", new() { ["ChangesSummary"] = "Cite a source." }));
        Assert.Equal("ChangesRequested", (await StoredAsync("gate-refusals")).Status);
        Assert.Equal("returnToDraft,submit", Buttons(await editor.GetPageAsync(adminUrl)));
    }

    [Fact]
    public async Task Publishing_needs_a_sign_off_of_the_current_content_and_a_content_change_needs_a_new_one()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-content");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var approved = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']", []));
        Assert.Equal("Approved", approved.QuerySelector(".status")!.TextContent);

        // A content change without a sign-off returns the article to draft: it is submitted and reviewed again.
        var changed = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A changed summary." }));
        Assert.Equal("Draft", changed.QuerySelector(".status")!.TextContent);
        var before = await StoredAsync("gate-content");
        Assert.Null(changed.QuerySelector("form.publish-form"));
        Assert.Equal(HttpStatusCode.Conflict, (await PostStepAsync(editor, adminUrl, "publish")).StatusCode);
        Assert.Equal(before, await StoredAsync("gate-content"));
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-content"));

        // Saves that change no content keep the sign-off: the sign-off's own save, publishing, unpublishing, publishing again.
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("gate-content"));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));
        var republished = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));
        Assert.Equal("Published", republished.QuerySelector(".status")!.TextContent);

        var signOffs = await site.WithServiceAsync<GutImmuneDbContext, List<ReviewSignOff>>(db =>
            db.ReviewSignOffs.Where(s => db.Articles.Any(a => a.Id == s.ArticleId && a.Slug == "gate-content")).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, signOffs.Count);
        Assert.All(signOffs, s => Assert.Equal("Test Editor Reviewer", s.ReviewerName));
        Assert.Equal(64, signOffs[0].ContentFingerprint.Length);
        Assert.NotEqual(signOffs[0].ContentFingerprint, signOffs[1].ContentFingerprint);
    }

    [Fact]
    public async Task A_sign_off_of_a_version_whose_content_changed_since_is_refused()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-stale-review");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var opened = await editor.GetPageAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Changed while the reviewer read" }));

        var response = await editor.SubmitAsync(opened, "form[action$='/review']", []);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("The content changed since you opened the article", Errors(await StaffSession.ParseAsync(response)));
        Assert.Equal("InReview", (await StoredAsync("gate-stale-review")).Status);
    }

    [Fact]
    public async Task Publishing_an_article_whose_working_copy_is_what_readers_see_is_refused_as_nothing_to_publish()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-nothing-to-publish");
        await editor.ReviewAndPublishAsync(adminUrl);
        var before = await StoredAsync("gate-nothing-to-publish");

        foreach (var step in new[] { "publish", "publishWithoutReview" })
        {
            var admin = await StaffSession.SignInAsync(site, Roles.Admin);
            var response = await PostStepAsync(admin, adminUrl, step, new() { ["ChangeNote"] = "Nothing changed.", ["OverrideReason"] = "A test." });

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("nothing to publish", Errors(await StaffSession.ParseAsync(response)));
        }
        Assert.Equal(before, await StoredAsync("gate-nothing-to-publish"));
    }

    [Fact]
    public async Task An_imported_file_never_publishes_and_its_review_details_are_never_a_sign_off()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var file = System.Text.Json.Nodes.JsonNode.Parse(await editor.Client.GetStringAsync("/admin/articles/1/export"))!.AsObject();
        file["slug"] = "gate-imported";
        file["status"] = "published";
        file["publishedAt"] = DateTime.UtcNow.AddDays(-1).ToString("O");
        file["reviewedBy"] = "Dr. Forged Reviewer, MD";
        file["lastReviewedOn"] = "2026-11-01";
        file["nextReviewDue"] = "2029-11-01";

        var page = await editor.FollowAsync(await editor.ImportAsync("gate.json", file.ToJsonString()));

        Assert.Equal("Draft", page.QuerySelector(".status")!.TextContent);
        Assert.Contains("Not yet medically reviewed", page.QuerySelector("#review-heading")!.ParentElement!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-imported"));
        Assert.Equal(0, await site.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.ReviewSignOffs.CountAsync(s => db.Articles.Any(a => a.Id == s.ArticleId && a.Slug == "gate-imported"))));

        // Imported again, changed, over an article that is approved: unreviewed content goes back to draft.
        var adminUrl = StaffSession.LinkTo(await editor.GetPageAsync("/admin/articles?q=gate-imported"), "The Gut-Immune System Connection");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']", []));
        file["title"] = "Changed by a file";
        var reimported = await editor.FollowAsync(await editor.ImportAsync("gate.json", file.ToJsonString()));
        Assert.Equal("Draft", reimported.QuerySelector(".status")!.TextContent);
        Assert.DoesNotContain("Forged", reimported.QuerySelector("#review-heading")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Restoring_a_revision_brings_back_neither_publication_nor_review_unless_its_content_was_signed_off()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-restore");
        var unreviewedVersion = (await StoredAsync("gate-restore")).Version;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "The reviewed summary." }));
        var reviewedVersion = (await StoredAsync("gate-restore")).Version;
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("gate-restore"));

        var restoredUnreviewed = await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{unreviewedVersion}/restore", "form.confirm-form", []));

        // The unreviewed content is the working copy's: readers keep the reviewed version, and it cannot be published.
        Assert.Equal("Published", restoredUnreviewed.QuerySelector(".status")!.TextContent);
        Assert.Contains("Not yet medically reviewed", restoredUnreviewed.QuerySelector("#review-heading")!.ParentElement!.TextContent);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("gate-restore"));
        Assert.Contains("The reviewed summary.", await site.CreateClient().GetStringAsync("/articles/gate-restore?after-restore"));
        var publishUnreviewed = await PostStepAsync(editor, adminUrl, "publish");
        Assert.Equal(HttpStatusCode.Conflict, publishUnreviewed.StatusCode);
        Assert.Contains("has no medical review signed off", Errors(await StaffSession.ParseAsync(publishUnreviewed)));
        Assert.Contains("The reviewed summary.", await site.CreateClient().GetStringAsync("/articles/gate-restore?after-refusal"));

        var restoredReviewed = await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{reviewedVersion}/restore", "form.confirm-form", []));

        // Content that was signed off shows its review again; it is what readers see, so nothing waits to be published.
        Assert.Equal("Published", restoredReviewed.QuerySelector(".status")!.TextContent);
        Assert.Contains("by Test Editor Reviewer", restoredReviewed.QuerySelector("#review-heading")!.ParentElement!.TextContent);
        Assert.Null(restoredReviewed.QuerySelector("#changes-heading"));
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("gate-restore"));
    }

    [Fact]
    public async Task Publishing_without_a_review_is_refused_when_someone_saved_since_the_Admin_opened_the_article()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewDraftAsync(admin, "gate-stale-override");
        var opened = await admin.GetPageAsync(adminUrl);
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Changed by another editor" }));

        var refused = await admin.SubmitAsync(opened, "form.override-form", new() { ["OverrideReason"] = "Urgent safety correction." },
            "button[value=publishWithoutReview]");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Someone saved the article since you opened it", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-stale-override"));
    }

    [Fact]
    public async Task Only_an_Admin_may_publish_without_a_review_giving_a_reason_that_is_audited_and_listed_until_reviewed()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewDraftAsync(admin, "gate-override");
        var before = await StoredAsync("gate-override");

        var withoutReason = await StaffSession.ParseAsync(await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = " " },
            "button[value=publishWithoutReview]"));
        Assert.Contains("Write why the article must be published without a medical review", withoutReason.QuerySelector("#OverrideReason-error")!.TextContent);
        Assert.Equal(before, await StoredAsync("gate-override"));

        var published = await admin.FollowAsync(await admin.SubmitAsync(adminUrl, "form.override-form",
            new() { ["OverrideReason"] = "Urgent safety correction." }, "button[value=publishWithoutReview]"));

        Assert.Equal("Published", published.QuerySelector(".status")!.TextContent);
        Assert.Contains("Urgent safety correction.", published.QuerySelector(".override-note")!.TextContent);
        Assert.Contains("Not yet medically reviewed", await site.CreateClient().GetStringAsync("/articles/gate-override"));
        var entry = await site.WithServiceAsync<GutImmuneDbContext, AuditEntry>(db =>
            db.AuditEntries.SingleAsync(e => e.Action == AuditLog.Actions.PublishedWithoutReview && e.Target.Contains("(gate-override)")));
        Assert.Equal("Urgent safety correction.", entry.Details);
        Assert.Contains("Gate test gate-override", (await admin.GetPageAsync("/admin")).QuerySelector("#published-without-review")!.ParentElement!.TextContent);

        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));

        var dashboard = await admin.GetPageAsync("/admin");
        Assert.DoesNotContain("Gate test gate-override", dashboard.QuerySelector("#published-without-review")?.ParentElement!.TextContent ?? "");
        var reader = await StaffSession.ParseAsync(await site.CreateClient().GetAsync($"/articles/gate-override?fresh={Guid.NewGuid():N}"));
        Assert.Equal("Test Reviewer", reader.QuerySelector(".article-header .byline .reviewer")!.TextContent);
    }

    /// <summary>A reason of only characters no one sees (zero-width, direction controls) gives the audit log no reason.</summary>
    [Fact]
    public async Task Publishing_without_a_review_refuses_a_reason_of_only_invisible_characters()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewDraftAsync(admin, "gate-invisible-reason");
        var before = await StoredAsync("gate-invisible-reason");

        var refused = await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = "\u200B\u2060\u202E\uFEFF" },
            "button[value=publishWithoutReview]");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        Assert.Contains("Write why the article must be published without a medical review", page.QuerySelector("#OverrideReason-error")!.TextContent);
        Assert.Equal(before, await StoredAsync("gate-invisible-reason"));
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-invisible-reason"));
    }

    [Fact]
    public async Task The_error_summary_of_the_override_form_links_to_that_forms_fields()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewDraftAsync(admin, "gate-override-summary");

        var page = await StaffSession.ParseAsync(await admin.SubmitAsync(adminUrl, "form.override-form",
            new() { ["OverrideReason"] = "A reason.", ["PublishAt"] = "2020-01-01T10:00" }, "button[value=publishWithoutReview]"));

        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Contains("The publication time has passed", link.TextContent);
        Assert.Equal("#OverridePublishAt", link.GetAttribute("href"));
        Assert.Equal("true", page.GetElementById("OverridePublishAt")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_refused_publish_shows_the_draft_as_it_is_stored_and_says_why_in_words()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewDraftAsync(admin, "gate-no-sections", withSection: false);

        var response = await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = "Trying." }, "button[value=publishWithoutReview]");

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Draft", page.QuerySelector(".status")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.TextContent is "View on the site" or "Unpublish");
        Assert.Contains("A published article needs at least one section.", Errors(page));
        Assert.DoesNotContain("sections:", Errors(page));
        Assert.Equal("Draft", (await StoredAsync("gate-no-sections")).Status);
    }

    [Fact]
    public async Task Each_change_to_a_live_article_needs_its_own_sign_off_and_reaches_readers_only_when_published()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-live");
        await (await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer)).ReviewAndPublishAsync(adminUrl);
        Task<string> ReaderAsync() => site.CreateClient().GetStringAsync($"/articles/gate-live?fresh={Guid.NewGuid():N}");

        // Twice on the same day, by the same reviewer: the second sign-off shows the same review, yet it is a new one.
        foreach (var summary in new[] { "First reviewed change.", "Second reviewed change." })
        {
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = summary }));
            Assert.DoesNotContain(summary, await ReaderAsync());
            var refusedResponse = await PostStepAsync(editor, adminUrl, "publish");
            // Refused because of the article's state (no current sign-off), not the editor's role: 409.
            Assert.Equal(HttpStatusCode.Conflict, refusedResponse.StatusCode);
            var refused = await StaffSession.ParseAsync(refusedResponse);
            Assert.Contains("The changes cannot be published: the article's current content has no medical review signed off", Errors(refused));
            Assert.DoesNotContain(summary, await ReaderAsync());

            await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form.publish-form", new() { ["ChangeNote"] = summary }, "button[value=publish]"));
            Assert.Contains(summary, await ReaderAsync());
        }
    }

    [Fact]
    public async Task Changes_to_a_live_article_go_through_the_same_review_cycle_while_readers_keep_the_live_version()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-live-cycle");
        await (await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer)).ReviewAndPublishAsync(adminUrl);
        Task<string> ReaderAsync() => site.CreateClient().GetStringAsync($"/articles/gate-live-cycle?fresh={Guid.NewGuid():N}");
        async Task<bool> WaitingForAsync(StaffSession session) =>
            (await session.GetPageAsync("/admin")).QuerySelector("#waiting-for-you + ul")?.TextContent.Contains("Gate test gate-live-cycle") ?? false;
        async Task EditSummaryAsync(string summary) =>
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = summary }));

        // Nothing to review yet: the working copy is what readers see.
        Assert.DoesNotContain("submit", Buttons(await editor.GetPageAsync(adminUrl)));
        Assert.Equal(HttpStatusCode.Conflict, (await PostStepAsync(editor, adminUrl, "submit")).StatusCode);

        await EditSummaryAsync("A change the reviewer sends back.");
        Assert.Contains("submit", Buttons(await editor.GetPageAsync(adminUrl)));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostStepAsync(reviewer, adminUrl, "submit")).StatusCode);
        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "submit"));
        Assert.Equal("InReview", (await StoredAsync("gate-live-cycle")).Status);
        Assert.True(await WaitingForAsync(reviewer));
        Assert.Equal("requestChanges", Buttons(await reviewer.GetPageAsync(adminUrl)));
        Assert.Equal(HttpStatusCode.Conflict, (await PostStepAsync(editor, adminUrl, "publish", new() { ["ChangeNote"] = "Too early." })).StatusCode);

        await StaffSession.AssertRedirectedAsync(await PostStepAsync(reviewer, adminUrl, "requestChanges", new() { ["ChangesSummary"] = "Cite a source." }));
        Assert.Equal("ChangesRequested", (await StoredAsync("gate-live-cycle")).Status);
        Assert.True(await WaitingForAsync(editor));
        var reader = await ReaderAsync();
        Assert.DoesNotContain("A change the reviewer sends back.", reader);
        Assert.Contains("A synthetic article made by a test.", reader);

        await EditSummaryAsync("The fixed change, reviewed.");
        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "submit"));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        Assert.Equal("Approved", (await StoredAsync("gate-live-cycle")).Status);
        Assert.DoesNotContain("The fixed change, reviewed.", await ReaderAsync());

        var approved = await editor.GetPageAsync(adminUrl);
        Assert.NotNull(approved.QuerySelector("form.publish-form input[name=ChangeNote]"));
        Assert.Null(approved.QuerySelector("form.publish-form input[name=PublishAt]"));
        await editor.FollowAsync(await editor.SubmitAsync(approved, "form.publish-form", new() { ["ChangeNote"] = "Reworded the summary." }, "button[value=publish]"));
        Assert.Equal("Published", (await StoredAsync("gate-live-cycle")).Status);
        reader = await ReaderAsync();
        Assert.Contains("The fixed change, reviewed.", reader);
        Assert.Contains("Reworded the summary.", reader);
    }

    [Fact]
    public async Task A_live_article_whose_changes_return_to_draft_or_are_unpublished_in_review_keeps_or_leaves_its_readers_as_asked()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var adminUrl = await NewDraftAsync(editor, "gate-live-return");
        await (await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer)).ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "Withdrawn from review." }));
        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "submit"));

        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "returnToDraft"));
        Assert.Equal("Published", (await StoredAsync("gate-live-return")).Status);
        Assert.Equal(HttpStatusCode.OK, await ReaderStatusAsync("gate-live-return"));

        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "submit"));
        await StaffSession.AssertRedirectedAsync(await PostStepAsync(editor, adminUrl, "unpublish"));
        Assert.Equal("Unpublished", (await StoredAsync("gate-live-return")).Status);
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-live-return"));
    }

    [Fact]
    public async Task A_review_dated_in_the_future_and_a_publication_time_already_past_are_refused_on_their_fields()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-dates");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);

        var future = await editor.SubmitAsync(adminUrl, "form[action$='/review']",
            new() { ["ReviewedOn"] = today.AddDays(1).ToString("yyyy-MM-dd"), ["NextReviewDue"] = today.AddYears(3).ToString("yyyy-MM-dd") });
        Assert.Contains("The review date cannot be in the future", Errors(await StaffSession.ParseAsync(future)));
        Assert.Equal("InReview", (await StoredAsync("gate-dates")).Status);

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']", []));
        var past = await editor.SubmitAsync(adminUrl, "form.publish-form",
            new() { ["PublishAt"] = site.Clock.GetUtcNow().UtcDateTime.AddDays(-30).ToString("yyyy-MM-ddTHH:mm") }, "button[value=publish]");
        Assert.Contains("The publication time has passed", Errors(await StaffSession.ParseAsync(past)));
        Assert.Equal("Approved", (await StoredAsync("gate-dates")).Status);
    }

    [Fact]
    public async Task A_review_dated_before_the_content_was_last_changed_or_due_in_the_past_is_refused_on_its_fields()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-backdated");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var savedOn = await site.WithServiceAsync<GutImmuneDbContext, DateOnly>(async db =>
            DateOnly.FromDateTime(await db.Articles.Where(a => a.Slug == "gate-backdated").Select(a => a.UpdatedAt).SingleAsync()));
        string Day(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var backdated = await StaffSession.ParseAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']",
            new() { ["ReviewedOn"] = "1999-01-01", ["NextReviewDue"] = "2000-01-01" }));

        Assert.Contains($"The review date cannot be before {Day(savedOn.AddDays(-1))}: the content you are signing off was last changed on {Day(savedOn)}",
            backdated.QuerySelector("label[for=Review_ReviewedOn] + .field-error")!.TextContent);
        Assert.Equal($"The next review must not be in the past (today is {Day(today)}).",
            backdated.QuerySelector("label[for=Review_NextReviewDue] + .field-error")!.TextContent);
        Assert.Equal("InReview", (await StoredAsync("gate-backdated")).Status);

        // The day before the content's last save is allowed (the reviewer's day may start earlier than UTC's).
        var dayBefore = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']",
            new() { ["ReviewedOn"] = savedOn.AddDays(-1).ToString("yyyy-MM-dd"), ["NextReviewDue"] = today.AddYears(3).ToString("yyyy-MM-dd") }));
        Assert.Equal("Approved", (await StoredAsync("gate-backdated")).Status);
        Assert.Contains(savedOn.AddDays(-1).ToString("yyyy-MM-dd"), dayBefore.QuerySelector("#review-heading")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task A_next_review_more_than_five_years_on_is_refused_on_its_field()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-far-review");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var latest = today.AddYears(5).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var due in new[] { "9999-12-31", today.AddYears(50).ToString("yyyy-MM-dd"), today.AddYears(5).AddDays(1).ToString("yyyy-MM-dd") })
        {
            var response = await editor.SubmitAsync(adminUrl, "form[action$='/review']",
                new() { ["ReviewedOn"] = today.ToString("yyyy-MM-dd"), ["NextReviewDue"] = due });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await StaffSession.ParseAsync(response);
            Assert.Equal($"The next review must be at most 5 years after the review date (on or before {latest}): medical content is reviewed at least that often.",
                page.QuerySelector("label[for=Review_NextReviewDue] + .field-error")!.TextContent);
            Assert.Equal("InReview", (await StoredAsync("gate-far-review")).Status);
        }

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form[action$='/review']",
            new() { ["ReviewedOn"] = today.ToString("yyyy-MM-dd"), ["NextReviewDue"] = today.AddYears(5).ToString("yyyy-MM-dd") }));
        Assert.Equal("Approved", (await StoredAsync("gate-far-review")).Status);
    }

    [Fact]
    public async Task The_preview_of_an_unreviewed_working_copy_shows_no_review()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-preview");
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("Medically reviewed by", await editor.Client.GetStringAsync(adminUrl + "/preview"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "An unreviewed change." }));

        var preview = await editor.Client.GetStringAsync(adminUrl + "/preview");
        Assert.Contains("An unreviewed change.", preview);
        Assert.DoesNotContain("Medically reviewed by", preview);
        Assert.Contains("Not yet medically reviewed", preview);
        Assert.Contains("Medically reviewed by", await site.CreateClient().GetStringAsync("/articles/gate-preview?fresh=preview"));
    }

    [Fact]
    public async Task A_step_the_workflow_does_not_know_is_refused_with_a_message_and_changes_nothing()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var adminUrl = await NewDraftAsync(editor, "gate-unknown-step");
        var before = await StoredAsync("gate-unknown-step");

        var response = await PostStepAsync(editor, adminUrl, "approve");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That is not a step of the editorial workflow", Errors(await StaffSession.ParseAsync(response)));
        Assert.Equal(before, await StoredAsync("gate-unknown-step"));
    }

    /// <summary>
    /// Changes to a live article, in review, edited back to exactly what readers see (its content, with the review they
    /// read): nothing is left to review or publish, so the article is published as if they had never been made, not
    /// approved with nothing to publish.
    /// </summary>
    [Fact]
    public async Task Changes_in_review_edited_back_to_what_readers_see_leave_the_article_published_with_nothing_pending()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-edited-back");
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A change to take back." }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        Assert.Equal("In review", (await editor.GetPageAsync(adminUrl)).QuerySelector(".status")!.TextContent);

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A synthetic article made by a test." }));

        var page = await editor.GetPageAsync(adminUrl);
        Assert.Equal("Published", page.QuerySelector(".status")!.TextContent);
        Assert.Null(page.QuerySelector("#changes-heading"));
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Equal("Published", (await StoredAsync("gate-edited-back")).Status);
        Assert.DoesNotContain("Gate test gate-edited-back", (await editor.GetPageAsync("/admin")).QuerySelector("#approved")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_judges_a_live_article_by_the_review_readers_see_not_by_its_working_copy()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "gate-dashboard");
        var unreviewedVersion = (await StoredAsync("gate-dashboard")).Version;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "The reviewed summary." }));
        await editor.ReviewAndPublishAsync(adminUrl);

        // Restoring unreviewed content leaves the working copy without a review; readers keep the reviewed version.
        await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{unreviewedVersion}/restore", "form.confirm-form", []));

        var dashboard = await editor.GetPageAsync("/admin");
        string Listed(string id) => dashboard.QuerySelector($"#{id}")?.ParentElement?.TextContent ?? "";
        Assert.DoesNotContain("Gate test gate-dashboard", Listed("published-without-review"));
        Assert.DoesNotContain("Gate test gate-dashboard", Listed("review-due"));
    }
    /// <summary>A draft that shows a library image as its hero and in its text; returns its admin address and the image's id.</summary>
    private async Task<(string AdminUrl, int ImageId)> NewDraftWithImageAsync(StaffSession editor, string slug, int width)
    {
        var adminUrl = await NewDraftAsync(editor, slug, withSection: false);
        var id = await MediaLibraryTests.UploadOkAsync(editor, slug + ".jpg", TestImages.Jpeg(width, 480), "Greens in a colander");
        await SaveImageDetailsAsync(editor, id, "Reviewed caption", "Reviewed credit");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, MediaLibraryTests.DetailsForm, new() { ["HeroMediaId"] = id.ToString() }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Only section", ["Body"] = $"Synthetic body text.\n\n![Greens again](media:{id})" }));
        return (adminUrl, id);
    }

    private static async Task SaveImageDetailsAsync(StaffSession editor, int id, string caption, string credit) =>
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync($"/admin/media/{id}", $"form[action='/admin/media/{id}']",
            new() { ["Caption"] = caption, ["Credit"] = credit }));

    [Fact]
    public async Task A_caption_or_credit_changed_in_the_library_after_the_sign_off_needs_a_new_one_before_publishing()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var (adminUrl, imageId) = await NewDraftWithImageAsync(editor, "gate-image-text", 640);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var approved = await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        Assert.Equal("Approved", approved.QuerySelector(".status")!.TextContent);

        await SaveImageDetailsAsync(editor, imageId, "UNREVIEWED CAPTION", "UNREVIEWED CREDIT");

        var changed = await editor.GetPageAsync(adminUrl);
        Assert.Null(changed.QuerySelector("form.publish-form"));
        Assert.Contains("content that has changed since", changed.QuerySelector(".publish-withheld")!.TextContent);
        var before = await StoredAsync("gate-image-text");
        var refusedResponse = await PostStepAsync(editor, adminUrl, "publish");
        Assert.Equal(HttpStatusCode.Conflict, refusedResponse.StatusCode);
        Assert.Contains("content that has changed since", Errors(await StaffSession.ParseAsync(refusedResponse)));
        Assert.Equal(before, await StoredAsync("gate-image-text"));
        Assert.Equal(HttpStatusCode.NotFound, await ReaderStatusAsync("gate-image-text"));

        // Reviewed again, the new texts reach readers.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=returnToDraft])", [], "button[value=returnToDraft]"));
        await (await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer)).ReviewAndPublishAsync(adminUrl);
        var page = await site.CreateClient().GetStringAsync($"/articles/gate-image-text?fresh={Guid.NewGuid():N}");
        Assert.Contains("UNREVIEWED CAPTION", page);
        Assert.Contains("UNREVIEWED CREDIT", page);
    }

    [Fact]
    public async Task A_live_article_keeps_the_image_texts_signed_off_and_its_reviewed_changes_wait_for_a_review_of_new_ones()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var (adminUrl, imageId) = await NewDraftWithImageAsync(editor, "gate-image-live", 720);
        await (await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer)).ReviewAndPublishAsync(adminUrl);
        Task<string> ReaderAsync() => site.CreateClient().GetStringAsync($"/articles/gate-image-live?fresh={Guid.NewGuid():N}");
        Assert.Contains("Reviewed caption", await ReaderAsync());

        // Readers keep the edition as published: the library's new texts do not reach them by themselves.
        await SaveImageDetailsAsync(editor, imageId, "UNREVIEWED CAPTION", "UNREVIEWED CREDIT");
        var live = await ReaderAsync();
        Assert.Contains("Reviewed caption", live);
        Assert.DoesNotContain("UNREVIEWED", live);

        // A change signed off before the image's texts changed cannot publish them.
        await SaveImageDetailsAsync(editor, imageId, "Reviewed caption", "Reviewed credit");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A reviewed change." }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        await SaveImageDetailsAsync(editor, imageId, "UNREVIEWED CAPTION", "UNREVIEWED CREDIT");
        var refusedResponse = await PostStepAsync(editor, adminUrl, "publish", new() { ["ChangeNote"] = "Changed." });
        Assert.Equal(HttpStatusCode.Conflict, refusedResponse.StatusCode);
        Assert.Contains("the article's current content has no medical review signed off", Errors(await StaffSession.ParseAsync(refusedResponse)));
        live = await ReaderAsync();
        Assert.DoesNotContain("A reviewed change.", live);
        Assert.DoesNotContain("UNREVIEWED", live);
    }
}
