using GutImmune.BrowserTests.Accessibility;
using GutImmune.BrowserTests.Site;
using GutImmune.BrowserTests.Validity;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>
/// A review with comments in a real browser: an Editor drafts and submits, a Reviewer comments on a section and requests
/// changes, the Editor sees the thread, fixes the section, resolves the thread and submits again. The pages that show
/// comments pass axe-core (light and dark) and the Nu Html Checker.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class ReviewCommentsInBrowserTests(SiteInChromium site)
{
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
    public async Task Reviewer_comments_on_a_section_and_requests_changes_and_the_editor_fixes_resolves_and_resubmits()
    {
        await using var editing = await site.SignInAsync(Roles.Editor);
        var editor = editing.Page;
        await editor.GotoAsync("/admin/articles/new");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Browser-reviewed synthetic article");
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

        await using (var reviewing = await site.SignInAsync(Roles.Reviewer))
        {
            var reviewer = reviewing.Page;
            // The dashboard says what waits for the reviewer, and leads to where they read and comment.
            await reviewer.Locator("#waiting-for-you + ul").GetByRole(AriaRole.Link, new() { Name = "Browser-reviewed synthetic article" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator("main h1")).ToContainTextAsync("Review comments");
            var section = reviewer.Locator("section.review-item", new() { Has = reviewer.GetByRole(AriaRole.Heading, new() { Name = "Section 1: “Synthetic section”" }) });
            await section.Locator("summary").ClickAsync();
            await section.GetByRole(AriaRole.Textbox).FillAsync("Cite a source for this claim.");
            await section.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator(".flash")).ToHaveTextAsync("Your comment was saved.");
            await Assertions.Expect(section.Locator("article.review-thread")).ToContainTextAsync("Browser Reviewer on version");
            await Assertions.Expect(section.Locator("article.review-thread .comment-text")).ToHaveTextAsync("Cite a source for this claim.");
            await AssertValidAndAccessibleAsync(reviewer);

            await reviewer.GetByRole(AriaRole.Link, new() { Name = "The article’s page (request changes, sign off, edit)" }).ClickAsync();
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator(".flash")).ToHaveTextAsync("Changes requested.");
        }

        await editor.GotoAsync(adminUrl);
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("Changes requested");
        var open = editor.Locator("section.open-threads");
        await Assertions.Expect(open.Locator("h2")).ToHaveTextAsync("Open review comments (1)");
        await Assertions.Expect(open).ToContainTextAsync("Section 1: “Synthetic section”: Cite a source for this claim.");
        await AssertValidAndAccessibleAsync(editor);

        await editor.GetByRole(AriaRole.Link, new() { Name = "Synthetic section", Exact = true }).ClickAsync();
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true }).FillAsync("A claim, now with its source named.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await editor.GotoAsync(adminUrl);
        await editor.Locator("section.open-threads").GetByRole(AriaRole.Link, new() { Name = "Reply or resolve" }).ClickAsync();
        var thread = editor.Locator("article.review-thread");
        await Assertions.Expect(thread.Locator(".outdated-note")).ToContainTextAsync("Section 1: “Synthetic section” changed after version");
        await thread.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToHaveTextAsync("The thread was resolved.");
        await Assertions.Expect(thread).ToContainTextAsync("Resolved by Browser Editor");
        await AssertValidAndAccessibleAsync(editor);

        await editor.GotoAsync(adminUrl);
        await Assertions.Expect(editor.Locator("section.open-threads")).ToHaveCountAsync(0);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToHaveTextAsync("Submitted for review.");
        await Assertions.Expect(editor.Locator(".status")).ToHaveTextAsync("In review");
    }
}
