using GutImmune.Web.Editing;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Tests.Editing;

/// <summary>HTML as Word, Google Docs and a web page put it on the clipboard (Fixtures/Paste), turned into our Markdown.</summary>
public class PastedHtmlTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Paste", name));

    [Fact]
    public void Word_keeps_headings_nested_mso_lists_links_emphasis_tables_and_quotes_and_drops_its_own_markup()
    {
        var markdown = PastedHtml.ToMarkdown(Fixture("word.html")).Markdown;

        Assert.Equal("""
            ## How the gut trains immunity

            About 70% of the immune system lives in the **gut**, where it meets *food and microbes* every day.[3] See the [review by Vighi](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6121348/) for details. Other studies agree.[1, 2]

            - Fibre feeds the bacteria
              - which make short-chain fatty acids[4]
            - Sleep matters too

            1. Eat plants
            2. Move daily[1-3]

            | **Food** | **Effect** |
            | --- | --- |
            | Yoghurt | Probiotics \| live cultures |

            > *The gut is the largest immune organ.*
            """, markdown);
    }

    [Fact]
    public void Google_Docs_reads_emphasis_from_styles_not_from_its_bold_wrapper_and_keeps_lists_tables_and_quotes()
    {
        var markdown = PastedHtml.ToMarkdown(Fixture("google-docs.html")).Markdown;

        Assert.Equal("""
            ## Why fibre matters

            Fibre is **fermented** *in the colon* [2]. Read [the guide](https://example.org/fibre?a=1&b=2).[5]

            - Oats
              - Rolled oats
            - Beans

            1. Start slowly
            2. Drink water

            | **Source** | **Grams** |
            | --- | --- |
            | Lentils | 8 |

            > Eat a rainbow.
            """, markdown);
    }

    [Fact]
    public void A_web_page_loses_scripts_styles_handlers_and_unsafe_links_and_its_text_is_escaped()
    {
        var markdown = PastedHtml.ToMarkdown(Fixture("web-page.html")).Markdown;

        Assert.Equal("""
            ### Gut *barrier*

            The lining is one cell thick.[7] Damage[1-3] lets molecules through, a 2\*3 problem\_x.

            bad link and ![Diagram](https://example.org/gut.png) and 10^th^ time.

            1. First **step**
               - detail
            2. Second

            1\. Not a list
            """, markdown);
    }

    [Theory]
    [InlineData("<p>Fibre<sup>3</sup> helps.</p>", "Fibre[3] helps.")]
    [InlineData("<p>Fibre<sup>[3]</sup> helps.</p>", "Fibre[3] helps.")]
    [InlineData("<p>Fibre<sup>1,2</sup> helps.</p>", "Fibre[1, 2] helps.")]
    [InlineData("<p>Fibre<sup>1-3</sup> helps.</p>", "Fibre[1-3] helps.")]
    [InlineData("<p>Fibre<sup>1–3, 6</sup> helps.</p>", "Fibre[1-3, 6] helps.")]
    [InlineData("<p>Fibre [1] helps [2,5].</p>", "Fibre [1] helps [2,5].")]
    [InlineData("<p>Fibre <span style=\"vertical-align: super\">4</span></p>", "Fibre [4]")]
    [InlineData("<p>The [sic] text</p>", "The \\[sic\\] text")]
    public void Citation_like_superscripts_and_bracketed_numbers_become_citation_markers(string html, string expected) =>
        Assert.Equal(expected, PastedHtml.ToMarkdown(html).Markdown);

    [Fact]
    public void Nothing_of_scripts_styles_comments_mso_styles_or_embedded_images_survives()
    {
        foreach (var name in new[] { "word.html", "google-docs.html", "web-page.html" })
        {
            var markdown = PastedHtml.ToMarkdown(Fixture(name)).Markdown;
            foreach (var junk in new[] { "alert", "mso", "Style Definitions", "data:", "<", "font-", "javascript", "docs-internal", "StartFragment", "·" })
                Assert.DoesNotContain(junk, markdown, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_converted_Word_paste_renders_through_the_site_pipeline_as_the_structure_it_came_as()
    {
        var html = ContentMarkdown.ToHtml(PastedHtml.ToMarkdown(Fixture("word.html")).Markdown, new CitationScope([1, 2, 3, 4]), "paste");

        Assert.Contains("<table>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Matches("<ul>\\s*<li>Fibre feeds the bacteria\\s*<ul>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<strong>gut</strong>", html);
        Assert.Contains("href=\"#ref-1\"", html);
    }

    [Fact]
    public void Nesting_deeper_than_any_word_processor_writes_is_refused_without_exhausting_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<span><b>", 50_000)) + "deep *text*" + string.Concat(Enumerable.Repeat("</b></span>", 50_000));

        Assert.Equal(new PastedHtml.Conversion("", PastedHtml.TooDeep), PastedHtml.ToMarkdown(html));
    }

    [Theory]
    [InlineData("<div>", "")]
    [InlineData("<blockquote>", "")]
    [InlineData("<ul><li>", "")]
    [InlineData("<b>", "")]
    [InlineData("<div><b>", "</div>x")]
    public void Nesting_past_the_limit_is_refused_however_it_is_written(string open, string after)
    {
        var html = string.Concat(Enumerable.Repeat(open + after, PastedHtml.MaxDepth + 10)) + "text";

        Assert.Equal(PastedHtml.TooDeep, PastedHtml.ToMarkdown(html).Problem);
    }

    [Fact]
    public void Nesting_up_to_the_limit_converts()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", PastedHtml.MaxDepth - 1)) + "text";

        Assert.Equal(new PastedHtml.Conversion("text", null), PastedHtml.ToMarkdown(html));
    }

    [Fact]
    public void A_paste_of_more_elements_than_the_limit_is_refused()
    {
        var html = string.Concat(Enumerable.Repeat("<p>Synthetic paragraph.</p>", PastedHtml.MaxElements + 1));

        Assert.Equal(new PastedHtml.Conversion("", PastedHtml.TooManyElements), PastedHtml.ToMarkdown(html));
    }

    [Fact]
    public void A_large_flat_paste_within_the_limits_converts_whole()
    {
        var word = Fixture("word.html");
        var body = word[(word.IndexOf("<!--StartFragment-->", StringComparison.Ordinal))..word.IndexOf("<!--EndFragment-->", StringComparison.Ordinal)];
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(body, 150)) + "</body></html>";

        var conversion = PastedHtml.ToMarkdown(html);

        Assert.Null(conversion.Problem);
        Assert.Equal(150, conversion.Markdown.Split("## How the gut trains immunity").Length - 1);
    }

    [Fact]
    public void An_abandoned_paste_stops_converting()
    {
        using var abandoned = new CancellationTokenSource();
        abandoned.Cancel();

        Assert.Throws<OperationCanceledException>(() => PastedHtml.ToMarkdown("<p>Fibre <b>feeds</b> bacteria.</p>", abandoned.Token));
    }
}
