using System.Diagnostics;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Tests.Markdown;

/// <summary>What a Markdown text may cost to render: pathological but valid input is refused with a reason, never thrown.</summary>
public class MarkdownCostTests
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>Texts within the 20,000-character field limit that are slow to render or nest past Markdig's depth limit.</summary>
    public static TheoryData<string, string> Pathological => new()
    {
        { "20,000 characters of *a (quadratic emphasis)", Repeat("*a", 10_000) },
        { "20,000 characters of ~a", Repeat("~a", 10_000) },
        { "unclosed link destinations, spread out", Repeat("[](" + new string('a', 17), 1_000) },
        { "> 20,000 times", new string('>', 20_000) },
        { "[ 20,000 times", new string('[', 20_000) },
        { "![ 500 times", Repeat("![", 500) },
        { "lists nested by indentation", string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', 2 * i) + "- a\n")) },
        { "ordered lists nested on one line", Repeat("1. ", 6_000) },
        { "quotes in list items", Repeat("- > ", 5_000) },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Pathological_text_gets_a_reason_instead_of_html_or_an_exception(string description, string markdown)
    {
        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([]), "Test");

        Assert.True(rendering.Problem is not null, description);
        Assert.Equal("", rendering.Html);
    }

    [Fact]
    public void Quadratic_emphasis_is_refused_by_counting_without_parsing()
    {
        var markdown = Repeat("*a", 10_000);
        ContentMarkdown.ToHtmlWithinCost("*warm up*", new CitationScope([]), "Test");

        var started = Stopwatch.GetTimestamp();
        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([]), "Test");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.StartsWith("is too costly to display: a paragraph has 10,000 emphasis marks", rendering.Problem);
        // Parsing this text takes 0.4–0.9 s of CPU; counting 20,000 characters takes microseconds.
        Assert.True(elapsed < TimeSpan.FromMilliseconds(50), $"the check took {elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("> 20,000 times", 20_000, ">")]
    [InlineData("quotes in list items", 5_000, "- > ")]
    [InlineData("ordered lists", 6_000, "1. ")]
    public void Containers_nested_on_one_line_are_refused_by_counting_without_parsing(string description, int times, string marker)
    {
        var markdown = Repeat(marker, times);
        ContentMarkdown.ToHtmlWithinCost("> warm up", new CitationScope([]), "Test");

        var started = Stopwatch.GetTimestamp();
        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([]), "Test");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(MarkdownCost.TooDeep, rendering.Problem);
        // Markdig needs about a quarter of a second to find it past its depth limit.
        Assert.True(elapsed < TimeSpan.FromMilliseconds(50), $"{description}: the check took {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Long_ordinary_text_with_emphasis_links_and_citations_renders()
    {
        var paragraph = "> - 1. A quoted list: the *gut* holds **most** of the body's ~~immune~~ cells,[1] see [the review](https://example.org/a_b) and [2, 3].\n\n";
        var markdown = Repeat(paragraph, 20_000 / paragraph.Length);

        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([1, 2, 3]), "Test");

        Assert.Null(rendering.Problem);
        Assert.Contains("<em>gut</em>", rendering.Html);
    }
}
