using System.Text.Json;
using GutImmune.BrowserTests.Site;
using Xunit.Abstractions;

namespace GutImmune.BrowserTests.Layout;

[Collection(SiteInChromiumCollection.Name)]
public class ResponsiveLayoutTests(SiteInChromium site, ITestOutputHelper output)
{
    public static TheoryData<string> ReaderPages => ["home", "article", "section view"];

    /// <summary>Full-page screenshots for a person to look at; the test checks the page rendered and the file was written.</summary>
    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task ArticlePage_is_screenshotted_full_length_at_phone_and_desktop_widths(int width)
    {
        await using var opened = await site.OpenAsync(SitePages.Article, width);
        Assert.Equal(200, opened.Status);
        await Microsoft.Playwright.Assertions.Expect(opened.Page.Locator("main h1")).ToHaveTextAsync("The Gut-Immune System Connection");

        var file = Path.Combine(TestPaths.Screenshots, $"article-{width}px.png");
        await opened.Page.ScreenshotAsync(new() { Path = file, FullPage = true });

        output.WriteLine($"Screenshot: {file}");
        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is suspiciously small");
    }

    [Theory]
    [MemberData(nameof(ReaderPages))]
    public async Task Page_fits_a_320px_wide_screen_without_scrolling_sideways(string page)
    {
        var path = SitePages.Named(page).Path;
        await using var opened = await site.OpenAsync(path, width: 320);
        Assert.Equal(200, opened.Status);

        var layout = await opened.Page.EvaluateAsync<JsonElement>(
            """
            () => {
                const root = document.documentElement;
                const tooWide = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + [...e.classList].join('.') : '')
                        + ' right edge ' + Math.round(e.getBoundingClientRect().right) + 'px');
                return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, tooWide };
            }
            """);

        var scrollWidth = layout.GetProperty("scrollWidth").GetInt32();
        var clientWidth = layout.GetProperty("clientWidth").GetInt32();
        Assert.True(scrollWidth <= clientWidth,
            $"{path} is {scrollWidth}px wide in a {clientWidth}px window; elements past the edge:{Environment.NewLine}"
            + string.Join(Environment.NewLine, layout.GetProperty("tooWide").EnumerateArray().Take(20)));
    }
}
