using GutImmune.BrowserTests.Site;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>An outside clinician without an account reviews through a link; the editor publishes, then publishes a correction with its note.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class ReviewLinkInBrowserTests(SiteInChromium site)
{
    [Fact]
    public async Task Editor_sends_a_review_link_the_clinician_signs_off_and_readers_see_the_reviewer_and_the_change_note()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await page.GotoAsync("/admin/articles/new");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Link-reviewed synthetic article");
        await page.GetByLabel("Summary").FillAsync("Synthetic text reviewed through a link.");
        await page.GetByLabel("Author name").FillAsync("Test Author");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        var adminUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a section" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Heading", Exact = true }).FillAsync("Synthetic section");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true }).FillAsync("Synthetic paragraph.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a review link" }).ClickAsync();
        var link = await page.GetByLabel("Review link (shown only now: copy it)").InputValueAsync();

        // The clinician: a fresh browser context with no account and no cookies of the editor's.
        await using (var clinician = await site.OpenAsync(new Uri(link).PathAndQuery))
        {
            await Assertions.Expect(clinician.Page.Locator("main h1")).ToHaveTextAsync("Link-reviewed synthetic article");
            await SignOffAsync(clinician.Page);
        }

        await page.GotoAsync(adminUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");

        // A correction: changed, signed off again through the same link (which now says its copy changed), published with a note.
        await page.GetByLabel("Summary").FillAsync("Synthetic text reviewed through a link, corrected.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await using (var clinician = await site.OpenAsync(new Uri(link).PathAndQuery))
        {
            await Assertions.Expect(clinician.Page.Locator(".review-link-stale")).ToContainTextAsync("changed since the link was sent");
            await SignOffAsync(clinician.Page);
        }
        await page.GotoAsync(adminUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ChangeNote-error")).ToContainTextAsync("Write a short note of what changed");
        await page.GetByLabel("What changed (shown to readers as “Last updated — note”; required)").First.FillAsync("Corrected the summary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");

        await page.GotoAsync("/articles/link-reviewed-synthetic-article");
        await Assertions.Expect(page.Locator(".article-header")).ToContainTextAsync("Dr Jane Roe, MD");
        await Assertions.Expect(page.Locator(".article-header .last-updated")).ToContainTextAsync("Corrected the summary");
        await Assertions.Expect(page.Locator(".change-history li")).ToHaveCountAsync(1);
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
