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
        var markdown = PastedHtml.ToMarkdown(Fixture("word.html"));

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
        var markdown = PastedHtml.ToMarkdown(Fixture("google-docs.html"));

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
        var markdown = PastedHtml.ToMarkdown(Fixture("web-page.html"));

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
        Assert.Equal(expected, PastedHtml.ToMarkdown(html));

    [Fact]
    public void Nothing_of_scripts_styles_comments_mso_styles_or_embedded_images_survives()
    {
        foreach (var name in new[] { "word.html", "google-docs.html", "web-page.html" })
        {
            var markdown = PastedHtml.ToMarkdown(Fixture(name));
            foreach (var junk in new[] { "alert", "mso", "Style Definitions", "data:", "<", "font-", "javascript", "docs-internal", "StartFragment", "·" })
                Assert.DoesNotContain(junk, markdown, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_converted_Word_paste_renders_through_the_site_pipeline_as_the_structure_it_came_as()
    {
        var html = ContentMarkdown.ToHtml(PastedHtml.ToMarkdown(Fixture("word.html")), new CitationScope([1, 2, 3, 4]), "paste");

        Assert.Contains("<table>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Matches("<ul>\\s*<li>Fibre feeds the bacteria\\s*<ul>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<strong>gut</strong>", html);
        Assert.Contains("href=\"#ref-1\"", html);
    }

    [Fact]
    public void Nesting_deeper_than_any_word_processor_writes_is_read_as_plain_text_without_exhausting_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<span><b>", 50_000)) + "deep *text*" + string.Concat(Enumerable.Repeat("</b></span>", 50_000));

        Assert.Equal("deep \\*text\\*", PastedHtml.ToMarkdown(html));
    }

    [Fact]
    public void A_paste_of_several_megabytes_converts_in_bounded_time()
    {
        var word = Fixture("word.html");
        var body = word[(word.IndexOf("<!--StartFragment-->", StringComparison.Ordinal))..word.IndexOf("<!--EndFragment-->", StringComparison.Ordinal)];
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(body, 3_500_000 / body.Length)) + "</body></html>";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var markdown = PastedHtml.ToMarkdown(html);

        Assert.Contains("## How the gut trains immunity", markdown);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}
