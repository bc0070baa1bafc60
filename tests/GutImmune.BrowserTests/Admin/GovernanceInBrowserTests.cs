using GutImmune.BrowserTests.Accessibility;
using GutImmune.BrowserTests.Site;
using GutImmune.BrowserTests.Validity;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>
/// The clinical governance of issue 9 end to end in a real browser: an Editor drafts and submits; a Reviewer comments on
/// a section and requests changes; the Editor fixes the section, resolves the thread and submits again; an outside
/// clinician comments and signs off through a review link; another Editor publishes (the link's maker may not); a correction goes through the same
/// cycle and is published with a change note; readers see the reviewer and the note. The comments pages and the link's
/// pages pass the Nu Html Checker and axe-core in light and dark; the published header is saved as screenshots.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class GovernanceInBrowserTests(SiteInChromium site)
{
    /// <summary>Where screenshots of the published article header go (for the resolve note), when a run asks for them.</summary>
    private static readonly string? ShotsFolder = Environment.GetEnvironmentVariable("GUTIMMUNE_SHOTS");

    /// <summary>The page as served, checked by the Nu Html Checker, and as shown, checked by axe-core in both colour schemes.</summary>
    private static async Task AssertValidAndAccessibleAsync(IPage page)
    {
        // Without its fragment: a navigation to the same page and another fragment serves nothing.
        var served = await page.GotoAsync(page.Url.Split('#')[0]);
        var errors = (await NuHtmlChecker.CheckAsync(await served!.TextAsync())).Where(m => m.Type is "error" or "non-document-error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe(page.Url, errors));
        // Closed details hide their forms from axe: open them all, so the comment and reply forms are checked too.
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var violations = await AxeAudit.RunAsync(page);
            Assert.True(violations.Count == 0, AxeAudit.Describe($"{page.Url} ({scheme} colour scheme)", violations));
        }
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    [Fact]
    public async Task Editor_drafts_reviewer_requests_changes_editor_fixes_outside_reviewer_signs_off_by_link_editor_publishes_with_a_change_note()
    {
        await using var editing = await site.SignInAsync(Roles.Editor);
        var editor = editing.Page;
        await editor.GotoAsync("/admin/articles/new");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Governed synthetic article");
        await editor.GetByLabel("Summary").FillAsync("Synthetic text written by a browser test.");
        await editor.GetByLabel("Author name").FillAsync("Test Author");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        var adminUrl = editor.Url;
        await editor.GetByRole(AriaRole.Link, new() { Name = "Add a section" }).ClickAsync();
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Heading", Exact = true }).FillAsync("Synthetic section");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true }).FillAsync("A claim without a source.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToHaveTextAsync("Submitted for review.");

        // A Reviewer with an account comments on the section and sends the article back.
        await using (var reviewing = await site.SignInAsync(Roles.Reviewer))
        {
            var reviewer = reviewing.Page;
            await reviewer.Locator("#waiting-for-you + ul").GetByRole(AriaRole.Link, new() { Name = "Governed synthetic article" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator("main h1")).ToContainTextAsync("Review comments");
            var section = reviewer.Locator("section.review-item", new() { Has = reviewer.GetByRole(AriaRole.Heading, new() { Name = "Section 1: “Synthetic section”" }) });
            await section.Locator("summary").ClickAsync();
            await section.GetByRole(AriaRole.Textbox).FillAsync("Cite a source for this claim.");
            await section.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator(".flash")).ToHaveTextAsync("Your comment was saved.");
            await Assertions.Expect(section.Locator("article.review-thread .comment-text")).ToHaveTextAsync("Cite a source for this claim.");
            await AssertValidAndAccessibleAsync(reviewer);

            await reviewer.GetByRole(AriaRole.Link, new() { Name = "The article’s page (request changes, sign off, edit)" }).ClickAsync();
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator(".flash")).ToHaveTextAsync("Changes requested.");
        }

        // The Editor fixes the section, resolves the thread and submits again.
        await editor.GotoAsync(adminUrl);
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("Changes requested");
        await Assertions.Expect(editor.Locator("section.open-threads")).ToContainTextAsync("Section 1: “Synthetic section”: Cite a source for this claim.");
        // The article's list of sections (the content checks panel links the section by its heading too).
        await editor.GetByRole(AriaRole.Region, new() { Name = "Sections", Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = "Synthetic section", Exact = true }).ClickAsync();
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true }).FillAsync("A claim, now with its source named.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await editor.GotoAsync(adminUrl);
        await editor.Locator("section.open-threads").GetByRole(AriaRole.Link, new() { Name = "Reply or resolve" }).ClickAsync();
        var thread = editor.Locator("article.review-thread");
        await Assertions.Expect(thread.Locator(".outdated-note")).ToContainTextAsync("changed after version");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(thread).ToContainTextAsync("Resolved by Browser Editor");
        await AssertValidAndAccessibleAsync(editor);
        await editor.GotoAsync(adminUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("In review");

        // An outside clinician without an account comments and signs off through a review link.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Create a review link" }).ClickAsync();
        var link = new Uri(await editor.GetByLabel("Review link (shown only now: copy it)").InputValueAsync()).PathAndQuery;
        await using (var clinician = await site.OpenAsync(link))
        {
            var page = clinician.Page;
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Governed synthetic article");
            await page.GetByRole(AriaRole.Link, new() { Name = "Comment on this copy, section by section" }).ClickAsync();
            var section = page.Locator("section.review-item", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Section 1: “Synthetic section”" }) });
            await section.Locator("details.new-comment summary").ClickAsync();
            await section.Locator("form.comment-form").GetByLabel("Your name").FillAsync("Dr Jane Roe");
            await section.Locator("form.comment-form").GetByRole(AriaRole.Textbox, new() { Name = "Your comment on section 1: “Synthetic section”" })
                .FillAsync("The source is right.");
            await section.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
            await Assertions.Expect(section.Locator("article.review-thread").Last).ToContainTextAsync("Dr Jane Roe via review link");
            await AssertValidAndAccessibleAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the article and its sign-off" }).ClickAsync();
            await SignOffAsync(page);
            await Assertions.Expect(page.Locator("form.review-form")).ToHaveCountAsync(0);
            await AssertValidAndAccessibleAsync(page);
        }

        // The link's maker may not publish on its sign-off: another Editor does.
        await editor.GotoAsync(adminUrl);
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(editor.Locator(".publish-withheld"))
            .ToHaveTextAsync("This review was signed off through a review link you made: another Editor or an Admin publishes it.");
        await PublishAsAnotherEditorAsync(adminUrl, "Publish");
        await editor.GotoAsync(adminUrl);

        // A correction to the live article goes through the same cycle; readers keep the published text meanwhile.
        await editor.GetByLabel("Summary").FillAsync("Synthetic text written by a browser test, corrected.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("In review");
        await using (var clinician = await site.OpenAsync(link))
        {
            await Assertions.Expect(clinician.Page.Locator(".review-link-stale")).ToContainTextAsync("changed since the link was sent");
            await SignOffAsync(clinician.Page);
        }
        await PublishAsAnotherEditorAsync(adminUrl, "Publish changes", changeNote: "Corrected the summary");

        await using (var clinician = await site.OpenAsync(link))
            await Assertions.Expect(clinician.Page.Locator(".review-published")).ToContainTextAsync("Published on");

        foreach (var width in new[] { 375, 1280 })
        {
            await using var reader = await site.OpenAsync("/articles/governed-synthetic-article", width);
            var header = reader.Page.Locator(".article-header");
            await Assertions.Expect(header.Locator(".byline")).ToContainTextAsync("Medically reviewed by Dr Jane Roe, MD");
            await Assertions.Expect(header.Locator(".last-updated")).ToContainTextAsync("Corrected the summary");
            await Assertions.Expect(reader.Page.Locator(".change-history li")).ToHaveCountAsync(1);
            if (ShotsFolder is not null)
                await header.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(ShotsFolder).FullName, $"header9-{width}.png") });
        }
    }

    private async Task PublishAsAnotherEditorAsync(string adminUrl, string button, string? changeNote = null)
    {
        await using var publishing = await site.SignInAsync(Roles.Editor);
        var page = publishing.Page;
        await page.GotoAsync(adminUrl);
        if (changeNote is not null)
            await page.GetByLabel("What changed (shown to readers as “Last updated — note”; required)").First.FillAsync(changeNote);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");
    }

    private static async Task SignOffAsync(IPage page)
    {
        await page.GetByLabel("Your name").FillAsync("Dr Jane Roe");
        await page.GetByLabel("Your credentials (e.g. MD, gastroenterologist)").FillAsync("MD");
        await page.GetByLabel("I reviewed the content shown on this page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign off the review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".review-signed-off")).ToContainTextAsync("Signed off");
    }
}
