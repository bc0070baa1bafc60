using AngleSharp.Html.Parser;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Tests.Markdown;

public class CitationExtensionTests
{
    private static (string Html, CitationScope Scope) Render(string markdown, params int[] known)
    {
        var scope = new CitationScope(known.Length > 0 ? known : Enumerable.Range(1, 9));
        return (ContentMarkdown.ToHtml(markdown, scope, "Test place"), scope);
    }

    private static string[] LinkTargets(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("sup.citation a").Select(a => a.GetAttribute("href")!).ToArray();

    [Fact]
    public void Single_marker_becomes_a_superscript_link_to_its_reference()
    {
        var (html, scope) = Render("Over 70 percent is in the gut.[1]");

        Assert.Equal(["#ref-1"], LinkTargets(html));
        Assert.Contains("<sup class=\"citation\" id=\"cite-1\">", html);
        Assert.DoesNotContain("[1]", html);
        Assert.Equal(new CitationUse("cite-1", "Test place"), Assert.Single(scope.UsesOf(1)));
    }

    [Theory]
    [InlineData("Most immune cells live in the gut [1].", "Most immune cells live in the gut.")]
    [InlineData("The gut [2, 3] and the skin [4-6], both.", "The gut and the skin, both.")]
    [InlineData("No space before the marker.[1] Next sentence.", "No space before the marker. Next sentence.")]
    public void Plain_text_for_the_search_index_drops_a_marker_with_the_space_before_it(string markdown, string expected)
    {
        Assert.Equal(expected, ContentMarkdown.ToPlainText(markdown));
    }

    [Theory]
    [InlineData("^^^\n> Quoted words.\n^^^ Caption words", "Quoted words.\nCaption words")]
    [InlineData("| Food | Fibre |\n|---|---|\n| Oats | *High* |", "Food Fibre Oats High")]
    [InlineData("Some ~~struck~~ and ==marked== and ++inserted++ words.", "Some struck and marked and inserted words.")]
    [InlineData("![Villi of the gut](https://example.org/villi.png) A [link](https://example.org).", "Villi of the gut A link.")]
    [InlineData("## Heading\n\n- one\n- two\n\n```\ncode\n```", "Heading\none\ntwo\ncode")]
    [InlineData("Written <b>as</b> text.", "Written <b>as</b> text.")]
    public void Plain_text_for_the_search_index_holds_the_words_readers_see_without_markup(string markdown, string expected)
    {
        Assert.Equal(expected, ContentMarkdown.ToPlainText(markdown));
    }

    [Theory]
    [InlineData("Text.[3, 5]")]
    [InlineData("Text.[3,5]")]
    [InlineData("Text.[ 3 ,5 ]")]
    public void List_marker_links_each_number_whatever_the_spacing(string markdown)
    {
        var (html, scope) = Render(markdown);

        Assert.Equal(["#ref-3", "#ref-5"], LinkTargets(html));
        Assert.Equal([3, 5], scope.CitedNumbers);
    }

    [Fact]
    public void Range_marker_links_its_ends_and_cites_every_number_in_between()
    {
        var (html, scope) = Render("Text.[6-8]");

        Assert.Equal(["#ref-6", "#ref-8"], LinkTargets(html));
        Assert.Contains(">6</a>–<a", html);
        Assert.Equal([6, 7, 8], scope.CitedNumbers);
        Assert.Equal("cite-1", Assert.Single(scope.UsesOf(7)).AnchorId);
    }

    [Fact]
    public void A_marker_citing_more_references_than_its_limit_is_text()
    {
        var atTheLimit = "[" + string.Join(",", Enumerable.Repeat(1, CitationInlineParser.MaxCitedInOneMarker)) + "]";
        var overTheLimit = "[" + string.Join(",", Enumerable.Repeat(1, 8_000)) + "]";
        var longRanges = "[1-20, 21-40]";

        Assert.Contains("href=\"#ref-1\"", Render("Text." + atTheLimit, 1).Html);
        foreach (var marker in new[] { overTheLimit, longRanges })
        {
            var (html, _) = Render("Text." + marker, Enumerable.Range(1, 40).ToArray());
            Assert.DoesNotContain("href=\"#ref-", html);
            Assert.True(html.Length <= marker.Length + 20, $"{html.Length} characters of HTML for a {marker.Length}-character marker");
        }
    }

    [Fact]
    public void Marker_after_an_exclamation_mark_is_a_citation_not_an_image()
    {
        var (html, _) = Render("It is in your gastrointestinal tract![1] And in your gut![3, 5]");

        Assert.Equal(["#ref-1", "#ref-3", "#ref-5"], LinkTargets(html));
        Assert.Contains("tract!<sup", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public void Markers_get_page_unique_anchors_in_reading_order()
    {
        var scope = new CitationScope([1, 2]);
        ContentMarkdown.ToHtml("First.[1] Second.[2]", scope, "A");
        var second = ContentMarkdown.ToHtml("Third.[1]", scope, "B");

        Assert.Contains("id=\"cite-3\"", second);
        Assert.Equal(["cite-1", "cite-3"], scope.UsesOf(1).Select(u => u.AnchorId));
        Assert.Equal(["A", "B"], scope.UsesOf(1).Select(u => u.Place));
    }

    [Fact]
    public void Unknown_number_is_reported_with_its_place_and_left_as_text()
    {
        var (html, scope) = Render("Claim.[2, 12]", 1, 2, 3);

        Assert.Empty(LinkTargets(html));
        Assert.Contains("Claim.[2, 12]", html);
        var unknown = Assert.Single(scope.Unknown);
        Assert.Equal(new UnknownCitation("Test place", "[2, 12]", 12), unknown);
    }

    [Theory]
    [InlineData("Use `[1]` in code.")]
    [InlineData("```\n[1]\n```")]
    public void Markers_inside_code_are_left_alone(string markdown)
    {
        var (html, scope) = Render(markdown);

        Assert.Empty(LinkTargets(html));
        Assert.Contains("[1]", html);
        Assert.Empty(scope.CitedNumbers);
    }

    [Theory]
    [InlineData("See [1](https://example.org/one).", "https://example.org/one")]
    [InlineData("See [the study [1]](https://example.org/two).", "https://example.org/two")]
    [InlineData("See [1][src].\n\n[src]: https://example.org/three", "https://example.org/three")]
    [InlineData("See [1].\n\n[1]: https://example.org/four", "https://example.org/four")]
    public void Markers_that_are_or_sit_inside_real_links_are_left_alone(string markdown, string href)
    {
        var (html, scope) = Render(markdown);

        Assert.Empty(LinkTargets(html));
        Assert.Contains($"href=\"{href}\"", html);
        Assert.Empty(scope.CitedNumbers);
    }

    [Fact]
    public void Escaped_bracket_is_not_a_marker()
    {
        var (html, _) = Render(@"Literal \[1] here.");

        Assert.Empty(LinkTargets(html));
        Assert.Contains("Literal [1] here.", html);
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[1000]")]
    [InlineData("[5-3]")]
    [InlineData("[1-100]")]
    [InlineData("[a]")]
    [InlineData("[1,]")]
    [InlineData("[]")]
    [InlineData("[1 2]")]
    public void Brackets_that_are_not_markers_stay_text(string markdown)
    {
        var (html, scope) = Render(markdown);

        Assert.Empty(LinkTargets(html));
        Assert.Empty(scope.CitedNumbers);
        Assert.Empty(scope.Unknown);
    }
}
