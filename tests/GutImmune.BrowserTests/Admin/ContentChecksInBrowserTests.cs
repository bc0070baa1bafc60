using GutImmune.BrowserTests.Accessibility;
using GutImmune.BrowserTests.Site;
using GutImmune.BrowserTests.Validity;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>The content checks panel on the seed article, and the checks of a text updated as the editor types.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class ContentChecksInBrowserTests(SiteInChromium site)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Panel_on_the_seed_article_and_live_checks_while_typing_pass_axe_and_the_Nu_Html_Checker(ColorScheme colorScheme)
    {
        await using var opened = await site.OpenAsync(new SitePage("seed article edit", "/admin/articles/1", 200, SignedIn: true), colorScheme);
        var page = opened.Page;
        var panel = page.Locator("section.content-checks");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("Content checks");
        await Assertions.Expect(panel.Locator("table.reading-grades tbody tr")).ToHaveCountAsync(7);
        await Assertions.Expect(panel).ToContainTextAsync("Uncited claims");
        await AssertAccessibleAndValidAsync(page, await opened.ServedHtmlAsync(), $"the article edit page ({colorScheme})");

        await page.GotoAsync("/admin/articles/1/sections/1");
        var checks = page.Locator("#Body-checks");
        await Assertions.Expect(checks).ToContainTextAsync("Reading grade of this text");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true })
            .FillAsync("Stress changes the gut.\n\nFibre feeds gut bacteria.[1]\n\nRead [click here](https://example.org).");

        await Assertions.Expect(checks).ToContainTextAsync("No citation: “Stress changes the gut.”");
        await Assertions.Expect(checks).ToContainTextAsync("“click here”");
        await Assertions.Expect(checks).Not.ToContainTextAsync("Fibre feeds gut bacteria");
        await AssertAccessibleAndValidAsync(page, await page.ContentAsync(), $"the section edit page after typing ({colorScheme})");
    }

    private static async Task AssertAccessibleAndValidAsync(IPage page, string html, string where)
    {
        var violations = await AxeAudit.RunAsync(page);
        Assert.True(violations.Count == 0, AxeAudit.Describe(where, violations));
        var errors = (await NuHtmlChecker.CheckAsync(html)).Where(m => m.Type is "error" or "non-document-error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe(where, errors));
    }
}
