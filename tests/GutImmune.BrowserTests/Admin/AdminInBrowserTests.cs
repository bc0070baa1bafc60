using GutImmune.BrowserTests.Site;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>What an editor does in a real browser: sign in, edit with the live preview, have it reviewed, publish.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class AdminInBrowserTests(SiteInChromium site)
{
    [Fact]
    public async Task Editor_signs_in_and_lands_on_the_dashboard()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);

        Assert.Equal("Dashboard", await opened.Page.Locator("main h1").TextContentAsync());
        Assert.True(await opened.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync());
    }

    [Fact]
    public async Task Live_preview_renders_citations_as_the_reader_page_does_and_the_saved_text_reaches_readers_once_signed_off_and_published()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Articles", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "The Gut-Immune System Connection" }).ClickAsync();
        // The article's list of sections (the content checks panel links the section by its heading too).
        await page.GetByRole(AriaRole.Region, new() { Name = "Sections", Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = "Points to Remember", Exact = true }).ClickAsync();

        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true });
        await body.FillAsync("Edited in a browser, citing Lazar.[2] And a typo citing [99].");

        var preview = page.Locator("#Body-preview");
        await Assertions.Expect(preview.Locator("sup.citation a[href='#ref-2']")).ToBeVisibleAsync();
        await Assertions.Expect(preview).ToContainTextAsync("refers to reference 99, which this article does not have");

        await body.FillAsync("Edited in a browser, citing Lazar.[2]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the section");

        // The save changed the working copy: readers keep the published text until the change is signed off and published.
        var reader = await site.CreateClient().GetStringAsync(SitePages.Article + "/points-to-remember?before-publishing");
        Assert.DoesNotContain("Edited in a browser, citing Lazar.", reader);
        await page.GotoAsync("/admin/articles");
        await page.GetByRole(AriaRole.Link, new() { Name = "The Gut-Immune System Connection" }).ClickAsync();
        var articleUrl = page.Url;
        await Assertions.Expect(page.Locator("#changes-heading")).ToHaveTextAsync("Changes not yet published");
        await using (var reviewing = await site.SignInAsync(Roles.Reviewer))
        {
            await reviewing.Page.GotoAsync(articleUrl);
            await reviewing.Page.GetByRole(AriaRole.Button, new() { Name = "Sign off the review" }).ClickAsync();
            await Assertions.Expect(reviewing.Page.Locator(".flash")).ToContainTextAsync("The medical review was signed off.");
        }
        await page.GotoAsync(articleUrl);
        await page.GetByLabel("What changed (shown to readers as “Last updated — note”; required)").FillAsync("Edited the points to remember");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");

        await page.GotoAsync(SitePages.Article + "/points-to-remember");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Edited in a browser, citing Lazar.");
        await Assertions.Expect(page.Locator("main sup.citation a[href='#ref-2']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_form_answers_400_and_the_browser_shows_it_again_with_its_message_and_what_was_typed()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await page.GotoAsync("/admin/articles/new");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("A second article at a taken address");
        await page.GetByLabel("Slug (the address: /articles/slug)").FillAsync("gut-immune-system-connection");
        await page.GetByLabel("Summary").FillAsync("Synthetic text written by a browser test.");
        await page.GetByLabel("Author name").FillAsync("Test Author");

        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync(),
            response => response.Request.Method == "POST");

        Assert.Equal(400, answer.Status);
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("gut-immune-system-connection");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true })).ToHaveValueAsync("A second article at a taken address");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create draft" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Editor_drafts_a_reviewer_signs_it_off_and_the_editor_publishes_it_for_readers()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await page.GotoAsync("/admin/articles/new");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Browser-made synthetic article");
        await page.GetByLabel("Summary").FillAsync("Synthetic text written by a browser test.");
        await page.GetByLabel("Author name").FillAsync("Test Author");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        var adminUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a section" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Heading", Exact = true }).FillAsync("Synthetic section");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true }).FillAsync("Synthetic paragraph.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();

        var reader = await site.CreateClient().GetAsync("/articles/browser-made-synthetic-article");
        Assert.Equal(404, (int)reader.StatusCode);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Submitted for review.");

        await using (var reviewing = await site.SignInAsync(Roles.Reviewer))
        {
            await reviewing.Page.GotoAsync(adminUrl);
            await reviewing.Page.GetByRole(AriaRole.Button, new() { Name = "Sign off the review" }).ClickAsync();
            await Assertions.Expect(reviewing.Page.Locator(".flash")).ToContainTextAsync("The medical review was signed off.");
        }

        await page.GotoAsync(adminUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");
        await page.GetByRole(AriaRole.Link, new() { Name = "View on the site" }).ClickAsync();

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Browser-made synthetic article");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Synthetic paragraph.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("by Browser Reviewer");
    }
}
