using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Layout;

/// <summary>A printed article keeps its text and evidence and drops the site's navigation.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class PrintTests(SiteInChromium site)
{
    [Fact]
    public async Task Printed_article_hides_navigation_and_prints_reference_addresses()
    {
        await using var opened = await site.OpenAsync(SitePages.Article);
        var page = opened.Page;
        await page.EvaluateAsync("() => { const a = document.createElement('a'); a.href = 'https://doi.org/10.1000/test'; a.textContent = '10.1000/test'; a.id = 'print-probe'; document.querySelector('.references li').append(a); }");

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        foreach (var hidden in new[] { ".site-header", ".site-footer", ".toc", ".section-link" })
            Assert.Equal("none", await page.EvalOnSelectorAsync<string>(hidden, "e => getComputedStyle(e).display"));
        Assert.Equal("block", await page.EvalOnSelectorAsync<string>("main", "e => getComputedStyle(e).display"));
        var after = await page.EvalOnSelectorAsync<string>("#print-probe", "e => getComputedStyle(e, '::after').content");
        Assert.Contains("https://doi.org/10.1000/test", after);

        var pdf = await page.PdfAsync();
        Assert.True(pdf.Length > 10_000);
    }
}
