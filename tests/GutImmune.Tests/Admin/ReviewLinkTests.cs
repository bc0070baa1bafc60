using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Review links for clinicians without an account, over HTTP on a clock the test controls: made by an Editor, opened
/// anonymously, signed off bound to the content shown, stale when the copy changed, closed when expired or revoked,
/// reaching nothing but their own article's working copy, and rate limited.
/// </summary>
public class ReviewLinkTests(ReviewLinkTests.ClockedSite site) : IClassFixture<ReviewLinkTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    /// <summary>A draft submitted for review by an Editor (who is not a Reviewer), and its admin address.</summary>
    private async Task<(StaffSession Editor, string AdminUrl)> ArticleInReviewAsync(string slug)
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Link test " + slug, ["Slug"] = slug, ["Summary"] = "A synthetic article made by a test.", ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Synthetic body text." }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        return (editor, adminUrl);
    }

    /// <summary>Creates a link on the article's page and returns its path (the address is shown once, on the page the post answers).</summary>
    private static async Task<string> CreateLinkAsync(StaffSession editor, string adminUrl)
    {
        var response = await editor.SubmitAsync(adminUrl, "form.review-link-form", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var address = (await StaffSession.ParseAsync(response)).QuerySelector<IHtmlInputElement>("#review-link-address")!.Value;
        return new Uri(address).AbsolutePath;
    }

    private static readonly Dictionary<string, string> Clinician = new()
    {
        ["Name"] = "Dr Jane Roe", ["Credentials"] = "MD, gastroenterologist", ["Confirmed"] = "true",
    };

    private static string Errors(IHtmlDocument page) => page.QuerySelector(".error-summary")?.TextContent ?? "";

    private Task<List<ReviewSignOff>> SignOffsAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, List<ReviewSignOff>>(db =>
            db.ReviewSignOffs.Where(s => db.Articles.Any(a => a.Id == s.ArticleId && a.Slug == slug)).OrderBy(s => s.Id).ToListAsync());

    private Task<List<string>> AuditAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, List<string>>(db =>
            db.AuditEntries.Where(e => e.Target.Contains("(" + slug + ")")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task An_outside_reviewer_signs_off_through_a_link_and_another_editor_can_then_publish_with_the_reviewer_shown()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-sign-off");
        var link = await CreateLinkAsync(editor, adminUrl);
        var listed = await editor.GetPageAsync(adminUrl);
        Assert.Contains("Open", listed.QuerySelector("table.review-links tbody tr")!.TextContent);
        Assert.DoesNotContain(link.Split('/').Last(), listed.Source.Text);

        var reviewer = new StaffSession(site.CreateBrowserClient());
        var response = await reviewer.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.Headers.CacheControl}");
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("Link test link-sign-off", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Synthetic body text.", page.QuerySelector("#only-section")!.TextContent);

        var signed = await reviewer.FollowAsync(await reviewer.SubmitAsync(page, "form.review-form", Clinician));
        Assert.Contains("Signed off", System.Text.RegularExpressions.Regex.Replace(signed.QuerySelector(".review-signed-off")!.TextContent, @"\s+", " "));
        Assert.Null(signed.QuerySelector("form.review-form"));

        var signOff = Assert.Single(await SignOffsAsync("link-sign-off"));
        Assert.Equal(("Dr Jane Roe", "MD, gastroenterologist", ArticleWorkflow.ViaReviewLink), (signOff.ReviewerName, signOff.ReviewerCredentials, signOff.ReviewerAccount));
        Assert.NotNull(signOff.ReviewLinkId);
        Assert.Equal([AuditLog.Actions.ReviewLinkCreated, AuditLog.Actions.ReviewSignedOffViaLink], await AuditAsync("link-sign-off"));

        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        var edit = await publisher.GetPageAsync(adminUrl);
        Assert.Equal("Approved", edit.QuerySelector(".status")!.TextContent);
        await publisher.FollowAsync(await publisher.SubmitAsync(edit, "form.publish-form", [], "button[value=publish]"));
        var article = await StaffSession.ParseAsync(await site.CreateClient().GetAsync("/articles/link-sign-off"));
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", article.QuerySelector(".article-header")!.TextContent);
    }

    [Fact]
    public async Task A_sign_off_needs_a_name_credentials_and_the_confirmation()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-fields");
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var page = await reviewer.GetPageAsync(await CreateLinkAsync(editor, adminUrl));

        var response = await reviewer.SubmitAsync(page, "form.review-form", new() { ["Name"] = " ", ["Credentials"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await StaffSession.ParseAsync(response);
        Assert.Contains("Enter your name", refused.QuerySelector("#review-Name-error")!.TextContent);
        Assert.Contains("Enter your credentials", refused.QuerySelector("#review-Credentials-error")!.TextContent);
        Assert.Contains("Confirm that you reviewed", refused.QuerySelector("#review-Confirmed-error")!.TextContent);
        Assert.Empty(await SignOffsAsync("link-fields"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("on")]
    public async Task A_confirmation_box_sent_with_a_value_it_never_has_shows_only_the_confirmation_asked_for(string sent)
    {
        var slug = $"link-box-{sent.Length}";
        var (editor, adminUrl) = await ArticleInReviewAsync(slug);
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var page = await reviewer.GetPageAsync(await CreateLinkAsync(editor, adminUrl));

        var response = await reviewer.SubmitAsync(page, "form.review-form", new(Clinician) { ["Confirmed"] = sent });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await StaffSession.ParseAsync(response);
        Assert.Equal("Confirm that you reviewed the content shown and that it may be published under your name.",
            refused.QuerySelector("#review-Confirmed-error")!.TextContent.Trim());
        Assert.DoesNotContain("invalid", Errors(refused));
        Assert.DoesNotContain("The value", Errors(refused));
        Assert.Empty(await SignOffsAsync(slug));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200D \u2060")]
    [InlineData("\u202E\u0001")]
    public async Task A_name_and_credentials_of_invisible_characters_are_refused_like_empty_ones(string invisible)
    {
        var (editor, adminUrl) = await ArticleInReviewAsync($"link-invisible-{invisible.Length}-{(int)invisible[0]:x}");
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var page = await reviewer.GetPageAsync(await CreateLinkAsync(editor, adminUrl));

        var refused = await StaffSession.ParseAsync(await reviewer.SubmitAsync(page, "form.review-form",
            new() { ["Name"] = invisible, ["Credentials"] = invisible, ["Confirmed"] = "true" }));

        Assert.Contains("Enter your name", refused.QuerySelector("#review-Name-error")!.TextContent);
        Assert.Contains("Enter your credentials", refused.QuerySelector("#review-Credentials-error")!.TextContent);
        Assert.Empty(await SignOffsAsync($"link-invisible-{invisible.Length}-{(int)invisible[0]:x}"));
    }

    [Fact]
    public async Task A_link_to_a_copy_changed_since_says_it_is_stale_and_a_sign_off_of_the_content_shown_before_is_refused()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-stale");
        var link = await CreateLinkAsync(editor, adminUrl);
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var shownBefore = await reviewer.GetPageAsync(link);
        Assert.Null(shownBefore.QuerySelector(".review-link-stale"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A summary changed after the link was sent." }));

        var refusedResponse = await reviewer.SubmitAsync(shownBefore, "form.review-form", Clinician);
        Assert.Equal(HttpStatusCode.Conflict, refusedResponse.StatusCode);
        var refused = await StaffSession.ParseAsync(refusedResponse);
        // The clinician can open neither the article's page nor its revisions: the message says what to do on this one.
        Assert.Contains("The editors changed the copy since this page showed it", Errors(refused));
        Assert.Contains("Read it again below", Errors(refused));
        Assert.DoesNotContain("Revisions", Errors(refused));
        Assert.Contains("A summary changed after the link was sent.", refused.QuerySelector(".standfirst")!.TextContent);
        Assert.NotNull(refused.QuerySelector(".review-link-stale"));
        Assert.Empty(await SignOffsAsync("link-stale"));

        // The page now shows the current copy, and that can be signed off.
        await reviewer.FollowAsync(await reviewer.SubmitAsync(refused, "form.review-form", Clinician));
        Assert.Single(await SignOffsAsync("link-stale"));
    }

    [Fact]
    public async Task Expired_revoked_and_unknown_links_answer_a_helpful_page_and_never_the_article()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-closed");
        var expiring = await CreateLinkAsync(editor, adminUrl);
        var revoked = await CreateLinkAsync(editor, adminUrl);
        var anonymous = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(revoked)).StatusCode);

        // The newest link is listed first.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "table.review-links tbody tr:first-child form[action$='/revoke']", []));
        Assert.Contains("Revoked by", (await editor.GetPageAsync(adminUrl)).QuerySelector("table.review-links tbody tr")!.TextContent);

        var revokedPage = await anonymous.GetAsync(revoked);
        Assert.Equal(HttpStatusCode.Gone, revokedPage.StatusCode);
        Assert.Contains("withdrawn", await revokedPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(expiring)).StatusCode);

        site.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var expiredPage = await anonymous.GetAsync(expiring);
        Assert.Equal(HttpStatusCode.Gone, expiredPage.StatusCode);
        Assert.Contains("expired", await expiredPage.Content.ReadAsStringAsync());

        var unknown = await anonymous.GetAsync("/review/" + ReviewLink.NewToken());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no such review link", await unknown.Content.ReadAsStringAsync());

        foreach (var closed in new[] { revokedPage, expiredPage, unknown })
            Assert.DoesNotContain("Synthetic body text", await closed.Content.ReadAsStringAsync());
        Assert.Contains(AuditLog.Actions.ReviewLinkRevoked, await AuditAsync("link-closed"));

        // Closed links stay listed on the article's page, each with its state (the editor signs in again a fortnight later).
        var rows = (await (await StaffSession.SignInAsync(site, Roles.Editor)).GetPageAsync(adminUrl)).QuerySelectorAll("table.review-links tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Revoked by", rows[0]);
        Assert.Contains("Expired", rows[1]);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(expiring + "/comments")).StatusCode);
    }

    [Fact]
    public async Task After_the_sign_off_and_after_publishing_the_link_page_says_so_offers_no_second_sign_off_and_a_later_copy_is_stale()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-after");
        var link = await CreateLinkAsync(editor, adminUrl);
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var page = await reviewer.GetPageAsync(link);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(page, "form.review-form", Clinician));

        var signed = await reviewer.GetPageAsync(link);
        Assert.Matches(@"Signed off on \d+ \w+ \d{4} by Dr Jane Roe, MD, gastroenterologist, through this link", System.Text.RegularExpressions.Regex.Replace(signed.QuerySelector(".review-signed-off")!.TextContent, @"\s+", " "));
        Assert.Null(signed.QuerySelector("form.review-form"));
        Assert.Null(signed.QuerySelector(".review-published"));
        var again = await reviewer.SubmitAsync(page, "form.review-form", Clinician);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Null((await StaffSession.ParseAsync(again)).QuerySelector("form.review-form"));
        Assert.Single(await SignOffsAsync("link-after"));

        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        await publisher.FollowAsync(await publisher.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));
        var published = await reviewer.GetPageAsync(link);
        Assert.Contains("Published on", published.QuerySelector(".review-published")!.TextContent);
        Assert.Contains("Dr Jane Roe", published.QuerySelector(".review-signed-off")!.TextContent);
        Assert.Null(published.QuerySelector("form.review-form"));
        Assert.Null(published.QuerySelector(".review-link-stale"));

        // A later working copy supersedes the one the link was made for: the page says so, and that copy has no sign-off yet.
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A later change." }));
        var stale = await reviewer.GetPageAsync(link);
        Assert.NotNull(stale.QuerySelector(".review-link-stale"));
        Assert.Null(stale.QuerySelector(".review-signed-off"));
        Assert.Null(stale.QuerySelector(".review-published"));
    }

    /// <summary>Posts the step "publish" as a crafted form would, from a page that offers no publish form (the version and token are the page's).</summary>
    private static Task<HttpResponseMessage> PostPublishAsync(StaffSession session, IHtmlDocument page, Dictionary<string, string> fields) =>
        session.SubmitAsync(page, "form:has(button[value=returnToDraft])", new(fields) { ["Step"] = "publish" });

    private Task<bool> ReadersSeeAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, bool>(db => db.ReaderEditions.AnyAsync(e => db.Articles.Any(a => a.Id == e.ArticleId && a.Slug == slug)));

    [Fact]
    public async Task The_links_maker_may_neither_publish_nor_schedule_on_its_sign_off_and_the_page_says_who_publishes_it()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-two-person");
        var reviewer = new StaffSession(site.CreateBrowserClient());
        await reviewer.FollowAsync(await reviewer.SubmitAsync(await CreateLinkAsync(maker, adminUrl), "form.review-form", Clinician));

        var page = await maker.GetPageAsync(adminUrl);
        Assert.Equal("Approved", page.QuerySelector(".status")!.TextContent);
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Equal("This review was signed off through a review link you made: another Editor or an Admin publishes it.",
            page.QuerySelector(".publish-withheld")!.TextContent);

        var later = site.Clock.GetUtcNow().UtcDateTime.AddDays(2).ToString("yyyy-MM-ddTHH:mm");
        foreach (var fields in new Dictionary<string, string>[] { [], new() { ["PublishAt"] = later } })
        {
            var refused = await PostPublishAsync(maker, page, fields);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(ArticleWorkflow.OwnLinkSignOff, Errors(await StaffSession.ParseAsync(refused)));
        }
        Assert.False(await ReadersSeeAsync("link-two-person"));
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync($"/articles/link-two-person?fresh={Guid.NewGuid():N}")).StatusCode);

        // Another Editor schedules it on the same sign-off; when the time comes readers see the reviewer.
        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        var offered = await publisher.GetPageAsync(adminUrl);
        Assert.Null(offered.QuerySelector(".publish-withheld"));
        await publisher.FollowAsync(await publisher.SubmitAsync(offered, "form.publish-form", new() { ["PublishAt"] = later }, "button[value=publish]"));
        site.Clock.Advance(TimeSpan.FromDays(3));
        var article = await StaffSession.ParseAsync(await site.CreateClient().GetAsync($"/articles/link-two-person?fresh={Guid.NewGuid():N}"));
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", article.QuerySelector(".article-header")!.TextContent);
    }

    [Fact]
    public async Task Changes_signed_off_through_a_link_are_published_by_another_editor_and_unreviewed_changes_offer_no_publish_button()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-changes");
        await maker.ReviewAndPublishAsync(adminUrl);
        await maker.FollowAsync(await maker.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A corrected synthetic summary." }));

        // Unreviewed changes: the page says what publishing needs and offers no button that would be refused.
        var unreviewed = await maker.GetPageAsync(adminUrl);
        Assert.NotNull(unreviewed.QuerySelector("#changes-heading"));
        Assert.Null(unreviewed.QuerySelector("form.publish-form"));
        Assert.Contains("no signed-off medical review", unreviewed.QuerySelector("#changes-heading ~ .publish-note")!.TextContent);

        await maker.FollowAsync(await maker.SubmitAsync(unreviewed, "form:has(button[value=submit])", [], "button[value=submit]"));
        var reviewer = new StaffSession(site.CreateBrowserClient());
        await reviewer.FollowAsync(await reviewer.SubmitAsync(await CreateLinkAsync(maker, adminUrl), "form.review-form", Clinician));

        var page = await maker.GetPageAsync(adminUrl);
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Equal(ArticleWorkflow.OwnLinkSignOff, page.QuerySelector(".publish-withheld")!.TextContent);
        var refused = await PostPublishAsync(maker, page, new() { ["ChangeNote"] = "Corrected the summary." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.DoesNotContain("A corrected synthetic summary.", await site.CreateClient().GetStringAsync($"/articles/link-changes?fresh={Guid.NewGuid():N}"));

        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        await publisher.FollowAsync(await publisher.SubmitAsync(adminUrl, "form.publish-form", new() { ["ChangeNote"] = "Corrected the summary." }, "button[value=publish]"));
        Assert.Contains("A corrected synthetic summary.", await site.CreateClient().GetStringAsync($"/articles/link-changes?fresh={Guid.NewGuid():N}"));
    }

    private Task<string> ReaderPageAsync(string slug) => site.CreateClient().GetStringAsync($"/articles/{slug}?fresh={Guid.NewGuid():N}");

    private static Task<HttpResponseMessage> EditSummaryAsync(StaffSession editor, string adminUrl, string summary) =>
        editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = summary });

    [Fact]
    public async Task Changes_in_review_edited_back_to_content_signed_off_through_a_link_are_approved_again_and_another_editor_publishes_them()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-edited-back");
        await maker.ReviewAndPublishAsync(adminUrl);
        await maker.FollowAsync(await EditSummaryAsync(maker, adminUrl, "The summary a clinician signed off."));
        await maker.FollowAsync(await maker.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        var clinician = new StaffSession(site.CreateBrowserClient());
        await clinician.FollowAsync(await clinician.SubmitAsync(await CreateLinkAsync(maker, adminUrl), "form.review-form", Clinician));

        // The changes leave the review, change, go back into review, and are edited back to what the clinician signed off.
        await maker.FollowAsync(await maker.SubmitAsync(adminUrl, "form:has(button[value=returnToDraft])", [], "button[value=returnToDraft]"));
        await maker.FollowAsync(await EditSummaryAsync(maker, adminUrl, "A summary nobody signed off."));
        await maker.FollowAsync(await maker.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        await maker.FollowAsync(await EditSummaryAsync(maker, adminUrl, "The summary a clinician signed off."));

        // The earlier sign-off counts: approved, which the link's maker may not publish on, and the page says so.
        var page = await maker.GetPageAsync(adminUrl);
        Assert.Equal("Approved", page.QuerySelector(".status")!.TextContent);
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Equal(ArticleWorkflow.OwnLinkSignOff, page.QuerySelector(".publish-withheld")!.TextContent);

        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        await publisher.FollowAsync(await publisher.SubmitAsync(adminUrl, "form.publish-form", new() { ["ChangeNote"] = "Clarified the summary." }, "button[value=publish]"));
        var reader = await ReaderPageAsync("link-edited-back");
        Assert.Contains("The summary a clinician signed off.", reader);
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", reader);
    }

    /// <summary>The boundary of the test above: a sign-off a Reviewer took back by asking for changes does not count again.</summary>
    [Fact]
    public async Task Changes_edited_back_to_signed_off_content_stay_in_review_when_the_reviewer_asked_for_changes_after_signing_off()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-asked-again");
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form", new() { ["ChangesSummary"] = "On second thoughts: cite a trial." },
            "button[value=requestChanges]"));

        await editor.FollowAsync(await EditSummaryAsync(editor, adminUrl, "A summary nobody signed off."));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        await editor.FollowAsync(await EditSummaryAsync(editor, adminUrl, "A synthetic article made by a test."));

        Assert.Equal("In review", (await editor.GetPageAsync(adminUrl)).QuerySelector(".status")!.TextContent);
    }

    /// <summary>
    /// An outside tester's finding: the Editor resolved the Reviewer's thread (Editors may) and submitted the unchanged
    /// content again, which brought back the sign-off the Reviewer had taken back, and published under their name.
    /// </summary>
    [Fact]
    public async Task A_sign_off_taken_back_by_a_request_for_changes_does_not_count_again_once_the_editor_resolves_the_thread()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-resolved-back");
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form.request-changes-form", new() { ["ChangesSummary"] = "Section 3's claim is wrong: fix it." },
            "button[value=requestChanges]"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/comments", "form.resolve-form", []));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));

        var page = await editor.GetPageAsync(adminUrl);
        Assert.Equal("In review", page.QuerySelector(".status")!.TextContent);
        Assert.Null(page.QuerySelector("form.publish-form"));
    }

    [Fact]
    public async Task A_links_sign_off_of_what_readers_see_reaches_them_only_when_someone_other_than_its_maker_publishes_it()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-live-review");
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        await admin.FollowAsync(await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = "Urgent safety correction." },
            "button[value=publishWithoutReview]"));
        var link = await CreateLinkAsync(maker, adminUrl);
        var clinician = new StaffSession(site.CreateBrowserClient());
        await clinician.FollowAsync(await clinician.SubmitAsync(link, "form.review-form", Clinician));

        Assert.Null((await clinician.GetPageAsync(link)).QuerySelector(".review-published"));
        var unaccepted = await ReaderPageAsync("link-live-review");
        Assert.DoesNotContain("Dr Jane Roe", unaccepted);
        Assert.Contains("Not yet medically reviewed", unaccepted);
        var page = await maker.GetPageAsync(adminUrl);
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Null(page.QuerySelector("button[value=submit]"));
        Assert.Equal(ArticleWorkflow.OwnLinkSignOff, page.QuerySelector(".publish-withheld")!.TextContent);
        Assert.Contains("Link test link-live-review", (await admin.GetPageAsync("/admin")).QuerySelector("#published-without-review")!.ParentElement!.TextContent);

        // Another Editor publishes the review alone: no note of changed content, which there is none of.
        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        var offered = await publisher.GetPageAsync(adminUrl);
        Assert.Null(offered.QuerySelector(".publish-withheld"));
        Assert.Null(offered.QuerySelector("form.publish-form textarea[name=ChangeNote]"));
        await publisher.FollowAsync(await publisher.SubmitAsync(offered, "form.publish-form", [], "button[value=publish]"));
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", await ReaderPageAsync("link-live-review"));
        Assert.NotNull((await clinician.GetPageAsync(link)).QuerySelector(".review-published"));
        Assert.DoesNotContain("Link test link-live-review", (await admin.GetPageAsync("/admin")).QuerySelector("#published-without-review")?.ParentElement!.TextContent ?? "");
    }

    /// <summary>
    /// A sign-off through a link of what readers see waits for "Publish the review": every dashboard lists it, the maker's
    /// as theirs to leave to another Editor, the others' as ready to publish; the Admin's item for an article published
    /// without a review says that a review of it waits.
    /// </summary>
    [Fact]
    public async Task A_links_sign_off_of_what_readers_see_is_listed_on_every_dashboard_until_it_is_published()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-live-listed");
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        await admin.FollowAsync(await admin.SubmitAsync(adminUrl, "form.override-form", new() { ["OverrideReason"] = "Urgent safety correction." },
            "button[value=publishWithoutReview]"));
        var clinician = new StaffSession(site.CreateBrowserClient());
        await clinician.FollowAsync(await clinician.SubmitAsync(await CreateLinkAsync(maker, adminUrl), "form.review-form", Clinician));
        const string Title = "Link test link-live-listed";
        static string Listed(IHtmlDocument page, string id) => page.QuerySelector($"#{id}")?.ParentElement!.TextContent ?? "";

        var makers = await maker.GetPageAsync("/admin");
        Assert.Contains(Title, Listed(makers, "awaiting-another-editor"));
        Assert.DoesNotContain(Title, Listed(makers, "approved"));
        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        var others = await publisher.GetPageAsync("/admin");
        Assert.Contains(Title, Listed(others, "approved"));
        Assert.DoesNotContain(Title, Listed(others, "awaiting-another-editor"));
        var admins = await admin.GetPageAsync("/admin");
        var waiting = admins.QuerySelectorAll("#waiting-for-you ~ ul li").Single(li => li.TextContent.Contains(Title)).TextContent;
        Assert.Contains("a review signed off since through a review link waits: publish it", waiting);
        Assert.DoesNotContain("a Reviewer signs it off", waiting);
        Assert.Contains("a signed-off review waits to be published", Listed(admins, "published-without-review"));

        await publisher.FollowAsync(await publisher.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));
        foreach (var page in new[] { await maker.GetPageAsync("/admin"), await publisher.GetPageAsync("/admin") })
        {
            Assert.DoesNotContain(Title, Listed(page, "approved"));
            Assert.DoesNotContain(Title, Listed(page, "awaiting-another-editor"));
        }
    }

    /// <summary>
    /// A clinician's sign-off through a link that crossed a Reviewer's periodic review of the same content (both posted at
    /// once; the link's page refuses a second sign-off otherwise): the Reviewer's older sign-off, which readers already see,
    /// gives the link's maker nothing to publish, so the page offers them no "Publish the review" and a post of it is refused
    /// alike; another Editor publishes the clinician's review.
    /// </summary>
    [Fact]
    public async Task An_older_reviewers_sign_off_readers_see_does_not_make_the_links_maker_the_publisher_of_their_links_review()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-older-reviewer");
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        await maker.FollowAsync(await maker.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));
        Assert.True(await ReadersSeeAsync("link-older-reviewer"));
        await CreateLinkAsync(maker, adminUrl);
        var (link, version, fingerprint) = await site.WithServiceAsync<GutImmuneDbContext, (ReviewLink, int, string)>(async db =>
        {
            var article = await db.Articles.AsNoTracking().WithContent().SingleAsync(a => a.Slug == "link-older-reviewer");
            return (await db.ReviewLinks.AsNoTracking().SingleAsync(l => l.ArticleId == article.Id), article.Version,
                await ContentFingerprint.OfAsync(db, article, CancellationToken.None));
        });
        Assert.IsType<EditOutcome.Saved>(await site.WithServiceAsync<ArticleWorkflow, EditOutcome>(workflow =>
            workflow.SignOffViaLinkAsync(link, version, fingerprint, "Dr Jane Roe", "MD, gastroenterologist", CancellationToken.None)));

        var page = await maker.GetPageAsync(adminUrl);
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Equal(ArticleWorkflow.OwnLinkSignOff, page.QuerySelector(".publish-withheld")!.TextContent);
        // Posted as a crafted form would (a live article out of review has no step form to borrow).
        var refused = await maker.Client.PostAsync(adminUrl + "/status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = (version + 1).ToString(), ["Step"] = "publish",
        }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(ArticleWorkflow.OwnLinkSignOff, Errors(await StaffSession.ParseAsync(refused)));
        Assert.Contains("Link test link-older-reviewer", (await maker.GetPageAsync("/admin")).QuerySelector("#awaiting-another-editor")!.ParentElement!.TextContent);

        var publisher = await StaffSession.SignInAsync(site, Roles.Editor);
        var offered = await publisher.GetPageAsync(adminUrl);
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", offered.QuerySelector(".review-only")!.TextContent);
        await publisher.FollowAsync(await publisher.SubmitAsync(offered, "form.publish-form", [], "button[value=publish]"));
        Assert.Contains("Dr Jane Roe, MD, gastroenterologist", await ReaderPageAsync("link-older-reviewer"));
    }

    [Fact]
    public async Task The_dashboard_lists_a_links_sign_off_for_its_maker_as_awaiting_another_editor_and_for_others_as_ready_to_publish()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-dashboard");
        var clinician = new StaffSession(site.CreateBrowserClient());
        await clinician.FollowAsync(await clinician.SubmitAsync(await CreateLinkAsync(maker, adminUrl), "form.review-form", Clinician));

        var makers = await maker.GetPageAsync("/admin");
        Assert.DoesNotContain("Link test link-dashboard", makers.QuerySelector("#approved")!.ParentElement!.TextContent);
        Assert.Contains("Link test link-dashboard", makers.QuerySelector("#awaiting-another-editor")!.ParentElement!.TextContent);
        var others = await (await StaffSession.SignInAsync(site, Roles.Editor)).GetPageAsync("/admin");
        Assert.Contains("Link test link-dashboard", others.QuerySelector("#approved")!.ParentElement!.TextContent);
        Assert.DoesNotContain("Link test link-dashboard", others.QuerySelector("#awaiting-another-editor")?.ParentElement!.TextContent ?? "");
    }

    [Fact]
    public async Task A_reviewers_own_sign_off_lets_the_editor_who_made_a_link_publish()
    {
        var (maker, adminUrl) = await ArticleInReviewAsync("link-reviewer-signs");
        await CreateLinkAsync(maker, adminUrl);
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));

        var page = await maker.GetPageAsync(adminUrl);
        Assert.Null(page.QuerySelector(".publish-withheld"));
        await maker.FollowAsync(await maker.SubmitAsync(page, "form.publish-form", [], "button[value=publish]"));
        Assert.True(await ReadersSeeAsync("link-reviewer-signs"));
    }

    private Task<List<ReviewComment>> CommentsAsync(string slug) =>
        site.WithServiceAsync<GutImmuneDbContext, List<ReviewComment>>(db =>
            db.ReviewComments.Where(c => db.Articles.Any(a => a.Id == c.ArticleId && a.Slug == slug)).OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task An_outside_reviewer_comments_and_replies_through_the_link_under_the_name_they_give()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-comments");
        var link = await CreateLinkAsync(editor, adminUrl);
        var outsider = new StaffSession(site.CreateBrowserClient());
        var linkPage = await outsider.GetPageAsync(link);
        var commentsUrl = StaffSession.LinkTo(linkPage, "Comment on this copy, section by section");
        Assert.Equal(link + "/comments", commentsUrl);
        var comments = await outsider.GetPageAsync(commentsUrl);
        Assert.Equal("noindex, nofollow", (await outsider.Client.GetAsync(commentsUrl)).Headers.GetValues("X-Robots-Tag").Single());
        Assert.Null(comments.QuerySelector("a[href^='/admin']"));

        var refused = await outsider.SubmitAsync(comments, "form.comment-form:has(input[name=ItemKind][value=Section])", new() { ["Name"] = "\u202E\u200B", ["Text"] = "Nameless." });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await StaffSession.ParseAsync(refused);
        Assert.Contains("Enter your name", refusedPage.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Nameless.", refusedPage.QuerySelector("details[open] textarea")!.TextContent);
        Assert.Empty(await CommentsAsync("link-comments"));

        var posted = await outsider.SubmitAsync(comments, "form.comment-form:has(input[name=ItemKind][value=Section])",
            new() { ["Name"] = "Dr Jane \u202ERoe", ["Text"] = "Cite a trial\u0001 here \u2066please\u2069." });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var thread = Assert.Single(await CommentsAsync("link-comments"));
        Assert.Equal(("Dr Jane Roe via review link", "Cite a trial here please.", ReviewItemKind.Section), (thread.AuthorName, thread.Text, thread.ItemKind));
        Assert.Equal(AuditLog.Actions.ReviewCommented, (await AuditAsync("link-comments")).Last());

        // Staff see it like any other comment, and reply; the outside reviewer replies in the same thread.
        var reviewer = await StaffSession.SignInAsync(site, Roles.Reviewer);
        var adminComments = await reviewer.GetPageAsync(adminUrl + "/comments");
        Assert.Contains("Dr Jane Roe via review link", adminComments.QuerySelector($"#thread-{thread.Id}")!.TextContent);
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminComments, $"#thread-{thread.Id} form.reply-form", new() { ["Text"] = "Agreed." }));
        var withReply = await outsider.GetPageAsync(commentsUrl);
        Assert.Contains("Agreed.", withReply.QuerySelector($"#thread-{thread.Id}")!.TextContent);
        await outsider.FollowAsync(await outsider.SubmitAsync(withReply, $"#thread-{thread.Id} form.reply-form", new() { ["Name"] = "Dr Jane Roe", ["Text"] = "Thank you." }));
        var all = await CommentsAsync("link-comments");
        Assert.Equal(["Cite a trial here please.", "Agreed.", "Thank you."], all.Select(c => c.Text));
        Assert.All(all.Skip(1), c => Assert.Equal(thread.Id, c.ThreadId));
        Assert.Contains("1 open comment thread", (await outsider.GetPageAsync(link)).QuerySelector(".review-link-notice")!.TextContent);
        // An outside reviewer's thread is resolved by the editors, not by anyone signed in under the link's name.
        Assert.False(thread.MayBeResolvedBy(new System.Security.Claims.ClaimsPrincipal()));
    }

    [Fact]
    public async Task A_reply_through_the_link_to_a_thread_the_editors_resolved_says_what_the_clinician_can_do()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-resolved-reply");
        var commentsUrl = await CreateLinkAsync(editor, adminUrl) + "/comments";
        var outsider = new StaffSession(site.CreateBrowserClient());
        await outsider.FollowAsync(await outsider.SubmitAsync(commentsUrl, "form.comment-form:has(input[name=ItemKind][value=Section])",
            new() { ["Name"] = "Dr Jane Roe", ["Text"] = "Cite a trial here." }));
        var openThread = await outsider.GetPageAsync(commentsUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/comments", "form.resolve-form", []));

        var refused = await outsider.SubmitAsync(openThread, "form.reply-form", new() { ["Name"] = "Dr Jane Roe", ["Text"] = "Any news?" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var says = Errors(await StaffSession.ParseAsync(refused));
        Assert.Contains("The editors resolved this thread", says);
        Assert.DoesNotContain("reopen", says);
        Assert.Single(await CommentsAsync("link-resolved-reply"));
    }

    [Fact]
    public async Task A_token_opens_only_its_own_article_and_never_the_admin_or_another_article()
    {
        var (editor, adminUrl) = await ArticleInReviewAsync("link-own");
        var (_, otherUrl) = await ArticleInReviewAsync("link-other");
        var link = await CreateLinkAsync(editor, adminUrl);
        var token = link.Split('/').Last();
        var otherId = otherUrl.Split('/').Last();
        var reviewer = new StaffSession(site.CreateBrowserClient());
        var page = await reviewer.GetPageAsync(link + "?id=" + otherId + "&articleId=" + otherId);
        Assert.Equal("Link test link-own", page.QuerySelector("h1")!.TextContent);

        // Nothing of the admin opens for the holder of a token, whether it comes with the visit's cookies or as a credential.
        foreach (var path in new[] { "/admin", otherUrl, otherUrl + "/preview", $"/admin?token={token}" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            var response = await reviewer.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/sign-in", response.Headers.Location!.AbsolutePath);
        }

        // A sign-off posted through the link for the other article's content does not reach it, nor sign off this one.
        var otherFingerprint = await site.WithServiceAsync<GutImmuneDbContext, string>(async db =>
            await ContentFingerprint.OfAsync(db, await db.Articles.WithContent().SingleAsync(a => a.Slug == "link-other"), CancellationToken.None));
        var otherVersion = await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Slug == "link-other").Select(a => a.Version).SingleAsync());
        var refused = await reviewer.SubmitAsync(page, "form.review-form",
            new(Clinician) { ["Fingerprint"] = otherFingerprint, ["Version"] = otherVersion.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(await SignOffsAsync("link-other"));
        Assert.Empty(await SignOffsAsync("link-own"));
    }

    [Fact]
    public async Task Review_links_are_rate_limited_per_client()
    {
        using var strict = new GutImmuneFactory();
        strict.Settings["Review:LinkRequestsPerMinute"] = "3";
        var anonymous = strict.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        // The comments page counts against the same limit as the link's page.
        for (var i = 0; i < 4; i++)
            statuses.Add((await anonymous.GetAsync("/review/" + ReviewLink.NewToken() + (i % 2 == 1 ? "/comments" : ""))).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        var limited = await anonymous.GetAsync("/review/" + ReviewLink.NewToken());
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        // The refusal is a review-link page too: private, and it says when to come back.
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("noindex, nofollow", limited.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", limited.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(limited.Headers.CacheControl?.NoStore, limited.Headers.CacheControl?.ToString());
    }
}
