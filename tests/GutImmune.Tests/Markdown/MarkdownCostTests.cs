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
        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([]), "Test");

        Assert.StartsWith("is too costly to display: a paragraph has 10,000 emphasis marks", rendering.Problem);
        // Parsing this text takes 0.4–0.9 s of CPU: the counter, which never parses, must be what refuses it.
        Assert.Equal(rendering.Problem, MarkdownCost.CountProblem(markdown));
    }

    [Theory]
    [InlineData("> 20,000 times", 20_000, ">")]
    [InlineData("quotes in list items", 5_000, "- > ")]
    [InlineData("ordered lists", 6_000, "1. ")]
    public void Containers_nested_on_one_line_are_refused_by_counting_without_parsing(string description, int times, string marker)
    {
        var markdown = Repeat(marker, times);
        var rendering = ContentMarkdown.ToHtmlWithinCost(markdown, new CitationScope([]), "Test");

        Assert.Equal(MarkdownCost.TooDeep, rendering.Problem);
        // Markdig needs about a quarter of a second to find it past its depth limit: the counter must refuse it first.
        Assert.True(MarkdownCost.CountProblem(markdown) == MarkdownCost.TooDeep, $"{description}: the counter let it through to the parser");
    }

    /// <summary>
    /// Texts the counter once let through while Markdig parsed them as one costly paragraph: a line of other
    /// whitespace is not blank in CommonMark, "++" and "==" are emphasis in the pipeline's extras, and a lone "\r" ends a
    /// line.
    /// </summary>
    public static TheoryData<string, string> CountingBypasses => new()
    {
        { "paragraphs 'separated' by no-break spaces", Repeat(Repeat("*a", 249) + "\n\u00A0\n", 39) },
        { "paragraphs 'separated' by em spaces and \\r\\n", Repeat(Repeat("*a", 249) + "\r\n\u2003\r\n", 39) },
        { "paragraphs 'separated' by form feeds", Repeat(Repeat("_a", 249) + "\n\f\n", 39) },
        { "inserted text (++)", Repeat("++a", 6_666) },
        { "marked text (==)", Repeat("==a", 6_666) },
        { "inserted and marked text", Repeat("++a==b", 3_333) },
        { "quotes nested on a line after a lone \\r", "a\r" + new string('>', 19_000) },
    };

    [Theory]
    [MemberData(nameof(CountingBypasses))]
    public void Costly_text_is_refused_by_counting_alone(string description, string markdown)
    {
        Assert.True(MarkdownCost.CountProblem(markdown) is not null, description);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Paragraphs_separated_by_blank_lines_of_spaces_and_tabs_count_apart_with_any_line_ending(string newline)
    {
        var paragraph = Repeat("*a", MarkdownCost.MaxEmphasisRuns - 100) + newline + Repeat("++b", 100);
        var markdown = string.Join(newline + " \t" + newline, Enumerable.Repeat(paragraph, 3));

        Assert.Null(MarkdownCost.CountProblem(markdown));
        Assert.NotNull(MarkdownCost.CountProblem(markdown.Replace(newline + " \t" + newline, newline + "\u00A0" + newline)));
    }

    /// <summary>Every character the pipeline's emphasis parsers take as a delimiter, in runs long enough to be one.</summary>
    private static readonly string[] Delimiters = ["*", "_", "~", "^", "++", "=="];

    public static TheoryData<string> EmphasisRuns => new(Delimiters);

    [Theory]
    [MemberData(nameof(EmphasisRuns))]
    public void A_paragraph_may_hold_up_to_the_limit_of_emphasis_runs_of_each_kind(string run)
    {
        var atTheLimit = Repeat(run + "a", MarkdownCost.MaxEmphasisRuns);

        Assert.Null(MarkdownCost.CountProblem(atTheLimit));
        Assert.StartsWith("is too costly to display: a paragraph has 501 emphasis marks", MarkdownCost.CountProblem(atTheLimit + run));
    }

    [Fact]
    public void Single_plus_and_equals_signs_are_not_emphasis()
    {
        var arithmetic = Repeat("a + b = c, ", 1_000);

        Assert.Null(MarkdownCost.CountProblem(arithmetic));
    }

    /// <summary>
    /// The most costly texts the counter accepts: paragraphs holding the most emphasis runs and brackets allowed, as
    /// many as the limit for a whole text lets in. They are accepted by counting and render; how long they take is
    /// left to measurement by hand (about 20–40 ms on an idle core against 3 ms for ordinary text), since a timed
    /// assertion would fail on a loaded machine.
    /// </summary>
    public static TheoryData<string> WorstParagraphsWithinTheLimits => new([
        Repeat("*a", MarkdownCost.MaxEmphasisRuns),
        Repeat("++a", MarkdownCost.MaxEmphasisRuns),
        Repeat("*[a]", MarkdownCost.MaxEmphasisRuns),
        string.Concat(Enumerable.Range(0, MarkdownCost.MaxEmphasisRuns).Select(i => Delimiters[i % Delimiters.Length] + "a")),
    ]);

    [Theory]
    [MemberData(nameof(WorstParagraphsWithinTheLimits))]
    public void The_worst_text_within_the_counted_limits_is_accepted_by_counting_and_renders(string paragraph)
    {
        var markdown = string.Join("\n\n", Enumerable.Repeat(paragraph, 2));

        Assert.Null(MarkdownCost.CountProblem(markdown));
        Assert.StartsWith("<p>", ContentMarkdown.ToHtml(markdown, new CitationScope([]), "Test"));
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

    [Fact]
    public void A_whole_text_may_hold_at_most_its_limit_of_marks_however_they_are_spread()
    {
        var paragraph = Repeat("*a", MarkdownCost.MaxMarksInText / 5);

        Assert.Null(MarkdownCost.CountProblem(string.Join("\n\n", Enumerable.Repeat(paragraph, 5))));
        Assert.Contains("in one text", MarkdownCost.CountProblem(string.Join("\n\n", Enumerable.Repeat(paragraph, 6))));
    }
}
