using System.Text.RegularExpressions;
using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutImmune.BrowserTests.Citations;

[Collection(SiteInChromiumCollection.Name)]
public class CitationNavigationTests(SiteInChromium site)
{
    [Fact]
    public async Task Clicking_a_citation_marker_shows_its_reference_and_the_references_backlink_returns_to_the_marker()
    {
        await using var opened = await site.OpenAsync(SitePages.Article);
        var page = opened.Page;
        var marker = page.Locator("main sup.citation[id]").First;
        var markerId = await marker.GetAttributeAsync("id");
        var markerLink = marker.Locator("a").First;
        var referenceHash = await markerLink.GetAttributeAsync("href");
        Assert.Matches("^#ref-[0-9]+$", referenceHash);
        var reference = page.Locator(referenceHash!);
        await Expect(reference).Not.ToBeInViewportAsync();

        await markerLink.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(referenceHash!) + "$"));
        await Expect(reference).ToBeInViewportAsync();
        await Expect(marker).Not.ToBeInViewportAsync();

        await reference.Locator($".cited-at a[href='#{markerId}']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"#{Regex.Escape(markerId!)}$"));
        await Expect(marker).ToBeInViewportAsync();
        await Expect(reference).Not.ToBeInViewportAsync();
    }
}
