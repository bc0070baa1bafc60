using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Reviewer comments on the working copy over HTTP: threads on the article and its items, who may resolve and reopen
/// them, comments kept with their version and marked outdated, "request changes" carrying them, refused posts, and the
/// dashboard's "Waiting for you".
/// </summary>
public class ReviewCommentTests(GutImmuneFactory site) : IClassFixture<GutImmuneFactory>
{
    /// <summary>A new draft with two prose sections, made by <paramref name="editor"/>; returns its admin address.</summary>
    private static async Task<string> NewDraftAsync(StaffSession editor, string slug)
    {
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Comments test " + slug, ["Slug"] = slug, ["Summary"] = "A synthetic article made by a test.", ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        foreach (var heading in new[] { "First section", "Second section" })
            await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = heading, ["Body"] = $"Body of the {heading.ToLowerInvariant()}." }));
        return adminUrl;
    }

    private static async Task<string> NewArticleInReviewAsync(StaffSession editor, string slug)
    {
        var adminUrl = await NewDraftAsync(editor, slug);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        return adminUrl;
    }

    private static string CommentsUrl(string adminUrl) => adminUrl + "/comments";

    /// <summary>The HTML id of the first section of the article's comments page ("item-section-12").</summary>
    private static async Task<string> FirstSectionAsync(StaffSession session, string adminUrl) =>
        (await session.GetPageAsync(CommentsUrl(adminUrl))).QuerySelector("section.review-item[id^='item-section-']")!.Id!;

    private static async Task<IHtmlDocument> CommentAsync(StaffSession session, string adminUrl, string item, string text) =>
        await session.FollowAsync(await session.SubmitAsync(CommentsUrl(adminUrl), $"#{item} form.comment-form", new() { ["Text"] = text }));

    private static IHtmlElement Thread(IHtmlDocument page, string text) =>
        (IHtmlElement)page.QuerySelectorAll("article.review-thread").Single(t => t.QuerySelector(".comment-text")!.TextContent == text);

    private static int ArticleId(string adminUrl) => int.Parse(adminUrl.Split('/').Last());

    private Task<List<ReviewComment>> CommentsAsync(string adminUrl) =>
        site.WithServiceAsync<GutImmuneDbContext, List<ReviewComment>>(async db =>
        {
            var id = ArticleId(adminUrl);
            return await db.ReviewComments.AsNoTracking().Where(c => c.ArticleId == id).OrderBy(c => c.Id).ToListAsync();
        });

    private Task<int> VersionAsync(string adminUrl) =>
        site.WithServiceAsync<GutImmuneDbContext, int>(async db =>
        {
            var id = ArticleId(adminUrl);
            return await db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
        });

    private Task<List<string>> AuditAsync(string slug, params string[] actions) =>
        site.WithServiceAsync<GutImmuneDbContext, List<string>>(db =>
            db.AuditEntries.Where(e => e.Target.Contains("(" + slug + ")") && actions.Contains(e.Action)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task A_reviewer_comments_on_a_section_and_an_editor_replies_in_the_same_thread_kept_as_plain_text()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-thread");
        var version = await VersionAsync(adminUrl);
        var section = await FirstSectionAsync(reviewer, adminUrl);

        await CommentAsync(reviewer, adminUrl, section, "Cite a source for this <script>alert(1)</script> claim.");
        var page = await editor.GetPageAsync(CommentsUrl(adminUrl));
        await editor.FollowAsync(await editor.SubmitAsync(page, "article.review-thread form.reply-form", new() { ["Text"] = "Added reference 1." }));

        page = await reviewer.GetPageAsync(CommentsUrl(adminUrl));
        var thread = Thread(page, "Cite a source for this <script>alert(1)</script> claim.");
        Assert.Equal(section, thread.Closest("section.review-item")!.Id);
        Assert.Empty(page.QuerySelectorAll("main script"));
        var comments = thread.QuerySelectorAll(".review-comments li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, comments.Count);
        Assert.Contains($"Test Reviewer on version {version}", comments[0]);
        Assert.Contains("Test Editor on version", comments[1]);
        Assert.Contains("Added reference 1.", comments[1]);
        Assert.Null(thread.QuerySelector(".outdated-note"));

        var stored = await CommentsAsync(adminUrl);
        Assert.Equal([null, stored[0].Id], stored.Select(c => c.ThreadId));
        Assert.Equal(ReviewItemKind.Section, stored[0].ItemKind);
        Assert.Equal([AuditLog.Actions.ReviewCommented, AuditLog.Actions.ReviewCommented],
            await AuditAsync("comments-thread", AuditLog.Actions.ReviewCommented));
    }

    [Fact]
    public async Task Facts_causes_and_references_each_take_comments_too()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var page = await editor.GetPageAsync(CommentsUrl(adminUrl));
        foreach (var kind in new[] { "fact", "cause", "citation" })
        {
            var item = page.QuerySelector($"section.review-item[id^='item-{kind}-']")!.Id!;
            page = await CommentAsync(editor, adminUrl, item, $"A comment on a {kind}.");
            Assert.Equal(item, Thread(page, $"A comment on a {kind}.").Closest("section.review-item")!.Id);
        }
    }

    [Fact]
    public async Task Threads_are_resolved_and_reopened_by_editors_admins_and_their_author_and_refused_to_other_reviewers()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var author = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var otherReviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-resolve");
        await CommentAsync(author, adminUrl, "item-article", "The summary overstates the evidence.");

        // Another reviewer is offered no button, and a crafted post is refused and changes nothing.
        var otherPage = await otherReviewer.GetPageAsync(CommentsUrl(adminUrl));
        Assert.Null(Thread(otherPage, "The summary overstates the evidence.").QuerySelector("form.resolve-form"));
        var threadId = (await CommentsAsync(adminUrl)).Single().Id;
        var refused = await otherReviewer.Client.PostAsync(CommentsUrl(adminUrl) + "/resolve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["ThreadId"] = threadId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only Editors, Admins and the person who started a thread may resolve it", (await StaffSession.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent);
        Assert.Null((await CommentsAsync(adminUrl)).Single().ResolvedAt);

        var resolved = await author.FollowAsync(await author.SubmitAsync(CommentsUrl(adminUrl), "form.resolve-form", []));
        Assert.Contains("Resolved by Test Reviewer", Thread(resolved, "The summary overstates the evidence.").TextContent);
        await editor.FollowAsync(await editor.SubmitAsync(CommentsUrl(adminUrl), "form.reopen-form", []));
        Assert.Null((await CommentsAsync(adminUrl)).Single().ResolvedAt);
        await admin.FollowAsync(await admin.SubmitAsync(CommentsUrl(adminUrl), "form.resolve-form", []));
        Assert.NotNull((await CommentsAsync(adminUrl)).Single().ResolvedAt);

        // Reopening is the same rule: the other reviewer may not.
        var reopenRefused = await otherReviewer.Client.PostAsync(CommentsUrl(adminUrl) + "/reopen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["ThreadId"] = threadId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, reopenRefused.StatusCode);
        Assert.NotNull((await CommentsAsync(adminUrl)).Single().ResolvedAt);
        Assert.Equal([AuditLog.Actions.ReviewCommented, AuditLog.Actions.ReviewThreadResolved, AuditLog.Actions.ReviewThreadReopened, AuditLog.Actions.ReviewThreadResolved],
            await AuditAsync("comments-resolve", AuditLog.Actions.ReviewCommented, AuditLog.Actions.ReviewThreadResolved, AuditLog.Actions.ReviewThreadReopened));
    }

    [Fact]
    public async Task A_thread_keeps_its_version_and_is_marked_outdated_when_its_item_changes_or_is_removed()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewDraftAsync(editor, "comments-outdated");
        var version = await VersionAsync(adminUrl);
        var section = await FirstSectionAsync(reviewer, adminUrl);
        var sectionUrl = adminUrl + "/sections/" + section.Split('-').Last();
        await CommentAsync(reviewer, adminUrl, section, "Explain the mechanism.");
        await CommentAsync(reviewer, adminUrl, "item-article", "Good overall.");

        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = "Body of the first section, with the mechanism explained." }));
        var page = await reviewer.GetPageAsync(CommentsUrl(adminUrl));
        var changed = Thread(page, "Explain the mechanism.");
        Assert.Equal($"Outdated: Section 1: “First section” changed after version {version}.", changed.QuerySelector(".outdated-note")!.TextContent.Trim());
        Assert.Contains($"on version {version}", changed.TextContent);
        Assert.Null(Thread(page, "Good overall.").QuerySelector(".outdated-note"));

        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl + "/delete", "main form.confirm-form", []));
        page = await reviewer.GetPageAsync(CommentsUrl(adminUrl));
        var removed = Thread(page, "Explain the mechanism.");
        Assert.NotNull(removed.Closest("section.removed-items"));
        Assert.Equal($"Outdated: Section 1: “First section” was removed after version {version}.", removed.QuerySelector(".outdated-note")!.TextContent.Trim());
        Assert.Equal(2, (await CommentsAsync(adminUrl)).Count);
    }

    [Fact]
    public async Task Request_changes_needs_an_open_comment_or_a_summary_and_the_editor_sees_the_open_threads_at_the_top()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-request");
        var version = await VersionAsync(adminUrl);

        var refused = await StaffSession.ParseAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form", [], "button[value=requestChanges]"));
        Assert.Contains("Say what needs to change", refused.QuerySelector("#ChangesSummary-error")!.TextContent);
        Assert.Equal(version, await VersionAsync(adminUrl));
        Assert.Empty(await CommentsAsync(adminUrl));

        // A summary of only characters no one can read (direction marks, C1 and bidirectional controls) says nothing either.
        var invisible = await StaffSession.ParseAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form",
            new() { ["ChangesSummary"] = " \u200E\u0085\u202E " }, "button[value=requestChanges]"));
        Assert.Contains("Say what needs to change", invisible.QuerySelector("#ChangesSummary-error")!.TextContent);
        Assert.Equal(version, await VersionAsync(adminUrl));
        Assert.Empty(await CommentsAsync(adminUrl));

        // Nor does one that still holds a zero-width character after that cleaning (a zero-width space, word joiner or
        // byte-order mark, which plain text keeps: they are no direction or control characters, but no one sees them).
        foreach (var unseen in new[] { "\u200B\u200E\u202E\u2066\u0085", "\u2060\uFEFF\u200D\u00AD" })
        {
            var zeroWidth = await StaffSession.ParseAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form",
                new() { ["ChangesSummary"] = unseen }, "button[value=requestChanges]"));
            Assert.Contains("Say what needs to change", zeroWidth.QuerySelector("#ChangesSummary-error")!.TextContent);
            Assert.Equal(version, await VersionAsync(adminUrl));
            Assert.Empty(await CommentsAsync(adminUrl));
        }

        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form", new() { ["ChangesSummary"] = "Add the dosage evidence." },
            "button[value=requestChanges]"));
        var editPage = await editor.GetPageAsync(adminUrl);
        Assert.Equal("Changes requested", editPage.QuerySelector(".status")!.TextContent);
        var open = editPage.QuerySelector("section.open-threads")!;
        Assert.Equal("Open review comments (1)", open.QuerySelector("h2")!.TextContent);
        Assert.Contains("The article as a whole", open.TextContent);
        Assert.Contains("Add the dosage evidence.", open.TextContent);
        Assert.Contains($"Test Reviewer on version {version}", open.TextContent);
        var summary = (await CommentsAsync(adminUrl)).Single();
        Assert.Equal((ReviewItemKind.Article, version), (summary.ItemKind, summary.ArticleVersion));

        // Submitting again with the thread still open is allowed, and says so.
        var resubmitted = await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        Assert.Contains("1 review comment thread is still open", resubmitted.QuerySelector(".flash")!.TextContent);
        Assert.Equal("In review", resubmitted.QuerySelector(".status")!.TextContent);

        // With an open comment, no summary is needed.
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form", [], "button[value=requestChanges]"));
        Assert.Equal("Changes requested", (await editor.GetPageAsync(adminUrl)).QuerySelector(".status")!.TextContent);
        Assert.Single(await CommentsAsync(adminUrl));
    }

    [Fact]
    public async Task The_same_comment_sent_three_times_starts_one_thread()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-sent-thrice");
        var section = await FirstSectionAsync(reviewer, adminUrl);
        var opened = await reviewer.GetPageAsync(CommentsUrl(adminUrl));

        var sent = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            sent.Add(await reviewer.SubmitAsync(opened, $"#{section} form.comment-form", new() { ["Text"] = "Sent three times." }));

        Assert.All(sent, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        Assert.Single(await CommentsAsync(adminUrl), c => c.Text == "Sent three times.");
        var page = await reviewer.FollowAsync(sent[2]);
        Assert.Single(page.QuerySelectorAll("article.review-thread"), t => t.QuerySelector(".comment-text")!.TextContent == "Sent three times.");
    }

    [Fact]
    public async Task The_same_reply_sent_three_times_is_added_once_but_said_again_after_another_reply_it_is_added()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "replies-sent-thrice");
        var section = await FirstSectionAsync(reviewer, adminUrl);
        await CommentAsync(reviewer, adminUrl, section, "A thread to reply to.");
        var opened = await editor.GetPageAsync(CommentsUrl(adminUrl));

        var sent = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            sent.Add(await editor.SubmitAsync(opened, "article.review-thread form.reply-form", new() { ["Text"] = "Replied three times." }));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(CommentsUrl(adminUrl), "article.review-thread form.reply-form", new() { ["Text"] = "Thanks." }));
        await editor.FollowAsync(await editor.SubmitAsync(CommentsUrl(adminUrl), "article.review-thread form.reply-form", new() { ["Text"] = "Replied three times." }));

        Assert.All(sent, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));
        Assert.Equal(["A thread to reply to.", "Replied three times.", "Thanks.", "Replied three times."],
            (await CommentsAsync(adminUrl)).Select(c => c.Text));
    }

    [Fact]
    public async Task Refused_comment_posts_say_why_keep_what_was_typed_and_change_nothing()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-refused");
        var section = await FirstSectionAsync(reviewer, adminUrl);
        var opened = await reviewer.GetPageAsync(CommentsUrl(adminUrl));
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await site.WithServiceAsync<GutImmuneDbContext, (int, int)>(async db => (await db.ReviewComments.CountAsync(), await db.AuditEntries.CountAsync()));

        var noToken = await reviewer.Client.PostAsync(CommentsUrl(adminUrl), new FormUrlEncodedContent(new Dictionary<string, string> { ["ItemKind"] = "Article", ["Text"] = "Hello" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var empty = await reviewer.SubmitAsync(opened, $"#{section} form.comment-form", new() { ["Text"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Write the comment.", (await StaffSession.ParseAsync(empty)).QuerySelector($"#comment-{section["item-".Length..]}-error")!.TextContent);

        var tooLong = new string('x', ReviewComment.MaxTextLength + 1);
        var longPage = await StaffSession.ParseAsync(await reviewer.SubmitAsync(opened, $"#{section} form.comment-form", new() { ["Text"] = tooLong }));
        Assert.Contains("at most 2,000 characters", longPage.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(tooLong, longPage.QuerySelector<IHtmlTextAreaElement>($"#comment-{section["item-".Length..]}")!.Value);

        // The article changed after the reviewer opened it: the comment is not saved, and is shown again to post.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A summary changed meanwhile." }));
        var stale = await reviewer.SubmitAsync(opened, $"#{section} form.comment-form", new() { ["Text"] = "Typed on an old version." });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await StaffSession.ParseAsync(stale);
        Assert.Contains("The article changed since you opened it", stalePage.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Typed on an old version.", stalePage.QuerySelector<IHtmlTextAreaElement>($"#comment-{section["item-".Length..]}")!.Value);

        Dictionary<string, string> Crafted(Dictionary<string, string> fields) => new(fields) { ["__RequestVerificationToken"] = token };
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.PostAsync(CommentsUrl(adminUrl), new FormUrlEncodedContent(
            Crafted(new() { ["ThreadId"] = "999999", ["Text"] = "A reply to nothing." })))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.PostAsync(CommentsUrl(adminUrl), new FormUrlEncodedContent(
            Crafted(new() { ["ItemKind"] = "Fact", ["ItemId"] = "999999", ["Version"] = (await VersionAsync(adminUrl)).ToString(), ["Text"] = "On nothing." })))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.Client.PostAsync(CommentsUrl(adminUrl), new FormUrlEncodedContent(
            Crafted(new() { ["ItemKind"] = "Paragraph", ["Text"] = "On an unknown kind." })))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.PostAsync("/admin/articles/999999/comments", new FormUrlEncodedContent(
            Crafted(new() { ["ItemKind"] = "Article", ["Text"] = "On no article." })))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Client.PostAsync(CommentsUrl(adminUrl) + "/resolve", new FormUrlEncodedContent(
            Crafted(new() { ["ThreadId"] = "999999" })))).StatusCode);

        var after = await site.WithServiceAsync<GutImmuneDbContext, (int, int)>(async db => (await db.ReviewComments.CountAsync(), await db.AuditEntries.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_comment_on_the_article_as_a_whole_naming_an_item_id_is_not_found_and_saves_nothing()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminUrl = await NewArticleInReviewAsync(editor, "comments-made-up-item");
        var token = (await reviewer.GetPageAsync(CommentsUrl(adminUrl))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await site.WithServiceAsync<GutImmuneDbContext, (int, int)>(async db => (await db.ReviewComments.CountAsync(), await db.AuditEntries.CountAsync()));

        var response = await reviewer.Client.PostAsync(CommentsUrl(adminUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ItemKind"] = "Article", ["ItemId"] = "999999",
            ["Version"] = (await VersionAsync(adminUrl)).ToString(), ["Text"] = "On an item the article never held.",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await site.WithServiceAsync<GutImmuneDbContext, (int, int)>(async db => (await db.ReviewComments.CountAsync(), await db.AuditEntries.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_dashboard_lists_what_waits_for_each_person_with_a_link_to_where_to_act()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var otherEditor = await StaffSession.SignInAsync(site, Roles.Editor);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var inReview = await NewArticleInReviewAsync(editor, "waiting-review");
        var draft = await NewDraftAsync(editor, "waiting-draft");
        await CommentAsync(reviewer, draft, "item-article", "A note on the draft.");

        static async Task<Dictionary<string, string>> WaitingAsync(StaffSession session) =>
            (await session.GetPageAsync("/admin")).QuerySelectorAll("#waiting-for-you + ul li")
                .ToDictionary(li => li.QuerySelector("a")!.TextContent, li => li.QuerySelector("a")!.GetAttribute("href") + " " + li.TextContent);

        var forReviewer = await WaitingAsync(reviewer);
        Assert.StartsWith(CommentsUrl(inReview) + " ", forReviewer["Comments test waiting-review"]);
        Assert.DoesNotContain("Comments test waiting-draft", forReviewer.Keys);
        var forEditor = await WaitingAsync(editor);
        Assert.DoesNotContain("Comments test waiting-review", forEditor.Keys);
        Assert.StartsWith(CommentsUrl(draft) + " ", forEditor["Comments test waiting-draft"]);
        Assert.Contains("1 open comment thread on an article you edited", forEditor["Comments test waiting-draft"]);
        Assert.DoesNotContain("Comments test waiting-draft", (await WaitingAsync(otherEditor)).Keys);

        await reviewer.FollowAsync(await reviewer.SubmitAsync(inReview, "form.request-changes-form", new() { ["ChangesSummary"] = "Shorten it." },
            "button[value=requestChanges]"));
        Assert.DoesNotContain("Comments test waiting-review", (await WaitingAsync(reviewer)).Keys);
        foreach (var person in new[] { editor, otherEditor })
        {
            var row = (await WaitingAsync(person))["Comments test waiting-review"];
            Assert.StartsWith(inReview + " ", row);
            Assert.Contains("changes requested, 1 open comment thread", row);
        }

        var forAdmin = await WaitingAsync(admin);
        Assert.Contains("published without a medical review", forAdmin["The Gut-Immune System Connection"]);
        Assert.Contains("Comments test waiting-review", forAdmin.Keys);
        Assert.DoesNotContain("The Gut-Immune System Connection", forEditor.Keys);
    }
}
