using System.Text.Json;
using System.Text.RegularExpressions;
using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutImmune.BrowserTests.Layout;

/// <summary>What the reader design promises, checked on the computed styles and roles Chromium gives the pages.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class ReaderDesignTests(SiteInChromium site)
{
    private const string SectionWithNeighbours = SitePages.Article + "/interesting-facts";

    public static TheoryData<string> PagesWithLinksInText => ["article", "section view", "people", "person"];

    /// <summary>
    /// WCAG 1.4.1: a link inside running text is underlined, because its colour alone is too close to the text's. Links
    /// that are navigation by their place (menus, contents, cards, section steps) and citation markers (superscript) are
    /// not running text.
    /// </summary>
    [Theory]
    [MemberData(nameof(PagesWithLinksInText))]
    public async Task Links_in_running_text_are_underlined_so_colour_is_not_their_only_mark(string page)
    {
        await using var opened = await site.OpenAsync(SitePages.Named(page));

        var links = await opened.Page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('main a[href]')]
                .filter(a => a.closest('p, li, dd, figcaption') && !a.closest('nav, sup.citation, h1, h2, h3, h4'))
                .map(a => ({ text: a.textContent.trim(), line: getComputedStyle(a).textDecorationLine }))
            """);

        Assert.True(links.GetArrayLength() > 0, $"{page} has no link in running text to check");
        var plain = links.EnumerateArray().Where(l => !l.GetProperty("line").GetString()!.Contains("underline")).Select(l => l.GetProperty("text").GetString());
        Assert.Empty(plain);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Points_to_remember_is_a_named_region_set_apart_as_a_key_points_box(ColorScheme colorScheme)
    {
        await using var opened = await site.OpenAsync(SitePages.Named("article"), colorScheme);

        var box = opened.Page.GetByRole(AriaRole.Region, new() { Name = "Points to Remember", Exact = true });
        await Expect(box).ToHaveCountAsync(1);
        await Expect(box.GetByRole(AriaRole.Heading, new() { Name = "Points to Remember", Level = 2 })).ToBeVisibleAsync();
        var style = await box.EvaluateAsync<JsonElement>(
            """
            e => ({ box: getComputedStyle(e).backgroundColor, page: getComputedStyle(document.body).backgroundColor,
                    border: parseFloat(getComputedStyle(e).borderTopWidth) })
            """);
        Assert.NotEqual("rgba(0, 0, 0, 0)", style.GetProperty("box").GetString());
        Assert.NotEqual(style.GetProperty("page").GetString(), style.GetProperty("box").GetString());
        Assert.True(style.GetProperty("border").GetDouble() >= 1, "the key-points box has no border");
    }

    /// <summary>The expert's words are a figure named by its attribution, holding a quotation set larger than the text.</summary>
    [Fact]
    public async Task Expert_quote_is_a_pull_quote_figure_named_by_its_attribution()
    {
        await using var opened = await site.OpenAsync(SitePages.Article);

        var figure = opened.Page.GetByRole(AriaRole.Figure, new() { NameRegex = new Regex("Shezi Kirmani, MD, a functional medicine") });
        await Expect(figure).ToHaveCountAsync(1);
        await Expect(figure.Locator("blockquote")).ToContainTextAsync("When there is an imbalance between good bacteria and bad bacteria");
        await Expect(figure.Locator("blockquote + figcaption")).ToHaveCountAsync(1);
        var ratio = await figure.Locator("blockquote p").First.EvaluateAsync<double>(
            "p => parseFloat(getComputedStyle(p).fontSize) / parseFloat(getComputedStyle(document.querySelector('.section > p')).fontSize)");
        Assert.True(ratio >= 1.15, $"the pull quote is set at {ratio:0.00}× the text size");
    }

    /// <summary>
    /// At 320 px "Previous" and "Next" are two full-width blocks, one above the other, each with its label on a line of its
    /// own above the section's heading, instead of two long links wrapping into each other on shared lines.
    /// </summary>
    [Fact]
    public async Task Section_steps_are_stacked_blocks_with_their_label_above_the_heading_on_a_320px_screen()
    {
        await using var opened = await site.OpenAsync(SectionWithNeighbours, width: 320);

        var layout = await opened.Page.EvaluateAsync<JsonElement>(
            """
            () => {
                const nav = document.querySelector('nav.section-nav').getBoundingClientRect();
                const step = rel => {
                    const a = document.querySelector(`a[rel=${rel}]`);
                    const box = a.getBoundingClientRect();
                    const label = a.querySelector('.step-label')?.getBoundingClientRect();
                    const heading = a.querySelector('.step-heading')?.getBoundingClientRect();
                    return { top: box.top, bottom: box.bottom, width: box.width,
                             labelAbove: !!label && !!heading && label.bottom <= heading.top + 0.5 };
                };
                return { navWidth: nav.width, prev: step('prev'), next: step('next') };
            }
            """);

        var navWidth = layout.GetProperty("navWidth").GetDouble();
        foreach (var rel in new[] { "prev", "next" })
        {
            var step = layout.GetProperty(rel);
            Assert.True(Math.Abs(step.GetProperty("width").GetDouble() - navWidth) <= 1, $"the {rel} step is not as wide as the navigation: {layout}");
            Assert.True(step.GetProperty("labelAbove").GetBoolean(), $"the {rel} step's label is not on its own line above the heading: {layout}");
        }
        Assert.True(layout.GetProperty("prev").GetProperty("bottom").GetDouble() <= layout.GetProperty("next").GetProperty("top").GetDouble(),
            $"the previous and next steps share lines: {layout}");
    }

    /// <summary>A card is one link: its picture (or the stand-in) leads to the article too, and sits above the title.</summary>
    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public async Task An_article_card_is_one_link_from_its_picture_to_its_text(int width)
    {
        await using var opened = await site.OpenAsync("/", width);
        var card = opened.Page.Locator(".cards .card").Filter(new() { HasText = "The Gut-Immune System Connection" });
        await Expect(card.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);

        if (width < 640)
        {
            var mediaBottom = await card.Locator(".card-media").EvaluateAsync<double>("e => e.getBoundingClientRect().bottom");
            var titleTop = await card.Locator(".card-title").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
            Assert.True(mediaBottom <= titleTop, "on a phone the card's picture is not above its title");
        }
        // Where a person would click on the picture: whatever is drawn there must be the link.
        await card.Locator(".card-media").ScrollIntoViewIfNeededAsync();
        var picture = (await card.Locator(".card-media").BoundingBoxAsync())!;
        await opened.Page.Mouse.ClickAsync(picture.X + picture.Width / 2, picture.Y + picture.Height / 2);

        await Expect(opened.Page).ToHaveURLAsync(new Regex(Regex.Escape(SitePages.Article) + "$"));
    }
}
