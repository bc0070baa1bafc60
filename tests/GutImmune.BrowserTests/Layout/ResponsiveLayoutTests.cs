using System.Text.Json;
using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GutImmune.BrowserTests.Layout;

[Collection(SiteInChromiumCollection.Name)]
public class ResponsiveLayoutTests(SiteInChromium site, ITestOutputHelper output)
{
    /// <summary>Every page the site checks, reader and admin alike.</summary>
    public static TheoryData<string> Pages => SitePages.Names;

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

        await using var section = await site.OpenAsync(SitePages.Named("section view"), width: width);
        Assert.Equal(200, section.Status);
        var sectionFile = Path.Combine(TestPaths.Screenshots, $"section-{width}px.png");
        await section.Page.ScreenshotAsync(new() { Path = sectionFile, FullPage = true });
        output.WriteLine($"Screenshot: {sectionFile}");
    }

    /// <summary>
    /// A card with a hero shows the picture, loaded, in a slot whose size CSS fixes before it loads (2:1 on a phone,
    /// beside the text on a desktop), with the image's width and height in the markup, so nothing moves as it arrives;
    /// the picture is cropped around its focal point (the fixture's is the centre). The seed's hero is the fixture's
    /// image or, once MediaInBrowserTests has run, that test's upload (also centred): the test holds for either.
    /// </summary>
    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task Home_card_shows_its_hero_in_a_slot_sized_before_the_image_loads(int width)
    {
        await using var opened = await site.OpenAsync("/", width);
        Assert.Equal(200, opened.Status);

        var card = await opened.Page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const img = document.querySelector('.card-media picture img');
                if (!img) return { found: false };
                const slot = img.closest('.card-media').getBoundingClientRect();
                await img.decode();
                const after = img.closest('.card-media').getBoundingClientRect();
                return {
                    found: true, alt: img.alt, width: img.getAttribute('width'), height: img.getAttribute('height'),
                    natural: [img.naturalWidth, img.naturalHeight], loaded: img.complete && img.naturalWidth > 0, slotBefore: [slot.width, slot.height], slotAfter: [after.width, after.height],
                    position: getComputedStyle(img).objectPosition, fit: getComputedStyle(img).objectFit,
                };
            }
            """);

        Assert.True(card.GetProperty("found").GetBoolean(), "no card with a picture on the home page");
        Assert.Contains(card.GetProperty("alt").GetString(), new[] { "A gradient from dark blue to light green", "A browser-made gradient, blue to green" });
        Assert.True(card.GetProperty("loaded").GetBoolean());
        // The markup's width and height are the picture's own proportions (the browser reserves them before it loads).
        var (markupWidth, markupHeight) = (double.Parse(card.GetProperty("width").GetString()!), double.Parse(card.GetProperty("height").GetString()!));
        var natural = card.GetProperty("natural");
        Assert.Equal(markupWidth / markupHeight, natural[0].GetDouble() / natural[1].GetDouble(), 0.01);
        Assert.Equal(card.GetProperty("slotBefore").ToString(), card.GetProperty("slotAfter").ToString());
        Assert.Equal("cover", card.GetProperty("fit").GetString());
        Assert.Equal("50% 50%", card.GetProperty("position").GetString());
        var file = Path.Combine(TestPaths.Screenshots, $"home-{width}px.png");
        await opened.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        output.WriteLine($"Screenshot: {file}");
    }

    /// <summary>
    /// Nothing reaches past the right edge of a 320 px window, except inside a box that scrolls on its own (a wide
    /// table, a diff), which must then fit the window and be reachable from the keyboard with a name, so its content
    /// can be scrolled into view. A screenshot of each page is saved for a person to look at.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_fits_a_320px_wide_screen_without_scrolling_sideways(string page)
    {
        var sitePage = SitePages.Named(page);
        await using var opened = await site.OpenAsync(sitePage, width: 320);
        Assert.Equal(sitePage.Status, opened.Status);

        var layout = await opened.Page.EvaluateAsync<JsonElement>(
            """
            () => {
                const root = document.documentElement;
                const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + [...e.classList].join('.') : '')
                    + ' right edge ' + Math.round(e.getBoundingClientRect().right) + 'px';
                const scrollsOnItsOwn = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
                const insideScrollBox = e => {
                    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                        if (scrollsOnItsOwn(a)) return true;
                    return false;
                };
                const elements = [...document.body.querySelectorAll('*')];
                const tooWide = elements
                    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !insideScrollBox(e))
                    .map(describe);
                const unreachable = elements
                    .filter(e => scrollsOnItsOwn(e) && e.scrollWidth > e.clientWidth
                        && (e.tabIndex < 0 || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))))
                    .map(describe);
                return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, tooWide, unreachable };
            }
            """);
        var file = Path.Combine(TestPaths.Screenshots, $"{page.Replace(' ', '-')}-320px.png");
        await opened.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        output.WriteLine($"Screenshot: {file}");

        var scrollWidth = layout.GetProperty("scrollWidth").GetInt32();
        var clientWidth = layout.GetProperty("clientWidth").GetInt32();
        var tooWide = layout.GetProperty("tooWide").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(scrollWidth <= clientWidth,
            $"{sitePage.Path} is {scrollWidth}px wide in a {clientWidth}px window; elements past the edge:{Environment.NewLine}"
            + string.Join(Environment.NewLine, tooWide.Take(20)));
        Assert.True(layout.GetProperty("unreachable").GetArrayLength() == 0,
            $"{sitePage.Path} has boxes that scroll sideways but cannot be reached from the keyboard or have no name: {layout.GetProperty("unreachable")}");
    }

    public static TheoryData<string> AdminLists => ["admin articles", "admin revisions"];

    /// <summary>
    /// On a 375 px phone the lists of articles and of revisions reflow (a box per row, a label per value) instead of
    /// scrolling sideways, even inside their own box, and keep their table semantics: column headers and cells.
    /// </summary>
    [Theory]
    [MemberData(nameof(AdminLists))]
    public async Task Admin_list_fits_a_375px_wide_screen_without_any_sideways_scrolling(string page)
    {
        var sitePage = SitePages.Named(page);
        await using var opened = await site.OpenAsync(sitePage, width: 375);
        Assert.Equal(sitePage.Status, opened.Status);

        var scrolling = await opened.Page.EvaluateAsync<string[]>(
            """
            () => [document.documentElement, ...document.body.querySelectorAll('*')]
                .filter(e => e.scrollWidth > e.clientWidth + 0.5 && (e === document.documentElement || ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)))
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} is ${e.scrollWidth}px wide in ${e.clientWidth}px`)
            """);
        var file = Path.Combine(TestPaths.Screenshots, $"{page.Replace(' ', '-')}-375px.png");
        await opened.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        output.WriteLine($"Screenshot: {file}");

        Assert.True(scrolling.Length == 0, $"{sitePage.Path} scrolls sideways at 375 px: {string.Join("; ", scrolling)}");
        var table = opened.Page.GetByRole(AriaRole.Table);
        await Expect(table).ToHaveCountAsync(1);
        Assert.True(await table.GetByRole(AriaRole.Columnheader).CountAsync() >= 4, "the reflowed table lost its column headers");
        Assert.True(await table.GetByRole(AriaRole.Cell).CountAsync() >= 4, "the reflowed table lost its cells");
    }

    /// <summary>
    /// At 320 px no word in a table cell is split over two lines ("Browse" / "r"): a table too wide for the window
    /// sits in a scrolling box instead of having its words broken.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Table_cells_keep_their_words_whole_on_a_320px_wide_screen(string page)
    {
        var sitePage = SitePages.Named(page);
        await using var opened = await site.OpenAsync(sitePage, width: 320);
        Assert.Equal(sitePage.Status, opened.Status);

        var broken = await opened.Page.EvaluateAsync<string[]>(
            """
            () => {
                const broken = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
                    { acceptNode: n => n.parentElement.closest('td, th') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT });
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const word of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
                        const range = document.createRange();
                        range.setStart(node, word.index);
                        range.setEnd(node, word.index + word[0].length);
                        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (lines.size > 1) broken.push(word[0]);
                    }
                }
                return broken;
            }
            """);
        Assert.True(broken.Length == 0, $"{sitePage.Path} breaks these words in table cells at 320 px: {string.Join(", ", broken.Take(20))}");
    }
}
