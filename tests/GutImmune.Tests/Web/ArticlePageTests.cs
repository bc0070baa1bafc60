using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace GutImmune.Tests.Web;

public class ArticlePageTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    private async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The article's text as a reader sees it, without the superscript citation numbers.</summary>
    private static string ReadableText(IElement element)
    {
        var copy = (IElement)element.Clone();
        foreach (var sup in copy.QuerySelectorAll("sup.citation").ToList())
            sup.Remove();
        return Normalize(copy.TextContent);
    }

    [Fact]
    public async Task Home_lists_the_seeded_article_with_its_summary_and_byline()
    {
        var page = await GetPageAsync("/");

        var link = page.QuerySelectorAll("main a").Single(a => a.GetAttribute("href") == ArticleUrl);
        Assert.Equal("The Gut-Immune System Connection", link.TextContent);
        Assert.Contains("The digestive system doesn’t get enough credit.", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Dr. Group, DC, Founder", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ArticlePage_is_semantic_html_with_headings_in_order()
    {
        var page = await GetPageAsync(ArticleUrl);

        Assert.NotNull(page.QuerySelector("main article"));
        Assert.Equal("The Gut-Immune System Connection", Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        var levels = page.QuerySelectorAll("main h1, main h2, main h3, main h4").Select(h => h.LocalName[1] - '0').ToList();
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
        Assert.Equal(9, page.QuerySelectorAll("section.references ol > li").Length);
        Assert.Equal("Dr. Group, DC, Founder", page.QuerySelector(".byline .author")!.TextContent);
        Assert.Contains("Not yet medically reviewed", page.QuerySelector(".dates")!.TextContent);
    }

    [Fact]
    public async Task ArticlePage_shows_every_paragraph_fact_cause_and_the_disclaimer_of_the_source_text()
    {
        var page = await GetPageAsync(ArticleUrl);
        var articleText = ReadableText(page.QuerySelector("main article")!);

        foreach (var expected in SourceText.ArticleParagraphs())
            Assert.Contains(Normalize(expected), articleText);
        // The paragraph with the quotation: its lead sentence, then the quotation restored as one, with its attribution.
        Assert.Contains("What’s clear is that a balanced gut strengthens your immune system, which helps ward off potential infections or concerns.", articleText);
        Assert.Equal("When there is an imbalance between good bacteria and bad bacteria in the gut, immune regulation is affected. This makes it harder for your body to fight off infections.",
            Normalize(page.QuerySelector("figure blockquote")!.TextContent));
        Assert.Equal("Shezi Kirmani, MD, a functional medicine and natural health practitioner in Houston, Texas",
            Normalize(page.QuerySelector("figure figcaption")!.TextContent));
        Assert.Equal(["Poor Diet", "Antibiotics", "Pushing Yourself Too Hard", "Overindulgence in Alcohol"],
            page.QuerySelectorAll(".cause h3").Select(h => h.TextContent));
        Assert.Equal(12, page.QuerySelectorAll("ul.facts > li").Length);
        Assert.Contains("Results may vary.", page.QuerySelector("aside.disclaimer")!.TextContent);
        Assert.DoesNotContain("Autoship", page.Body!.TextContent);
        Assert.DoesNotContain("Restore Your Gut Microbiome", page.Body!.TextContent);
    }

    [Fact]
    public async Task ArticlePage_lists_every_reference_of_the_source_in_ama_style()
    {
        var page = await GetPageAsync(ArticleUrl);
        var references = page.QuerySelectorAll("section.references ol > li").ToList();

        var expected = SourceText.References();
        // The source's book reference is not in AMA form; the page restores it.
        expected[2] = "Abbas AK, et al. Cellular and Molecular Immunology E-Book. Elsevier Health Sciences; 2017. Accessed May 9, 2020.";
        var evidence = new Dictionary<int, string>();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal($"ref-{i + 1}", references[i].Id);
            var amaLine = (IElement)references[i].Clone();
            amaLine.QuerySelector(".cited-at")?.Remove();
            if (amaLine.QuerySelector(".evidence-type") is { } type)
            {
                evidence[i + 1] = Normalize(type.TextContent);
                type.Remove();
            }
            Assert.Equal(expected[i], Normalize(amaLine.TextContent));
        }
        // Readers see the evidence type beside the AMA line, for the one seed reference whose own title states it ("in mice").
        Assert.Equal(new Dictionary<int, string> { [6] = "Evidence: Animal or laboratory study" }, evidence);
    }

    [Fact]
    public async Task ArticlePage_links_every_citation_marker_to_its_reference_in_source_order()
    {
        var page = await GetPageAsync(ArticleUrl);

        var links = page.QuerySelectorAll("sup.citation a").ToList();
        var cited = links.Select(a => int.Parse(a.GetAttribute("href")!["#ref-".Length..])).ToList();
        Assert.Equal(SourceText.CitationNumbersInOrder(), cited);
        Assert.All(links, a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
    }

    [Fact]
    public async Task Every_reference_links_back_to_each_place_that_cites_it()
    {
        var page = await GetPageAsync(ArticleUrl);

        foreach (var reference in page.QuerySelectorAll("section.references ol > li"))
        {
            var backlinks = reference.QuerySelectorAll(".cited-at a").Select(a => a.GetAttribute("href")![1..]).ToList();
            Assert.NotEmpty(backlinks);
            foreach (var anchor in backlinks)
            {
                var marker = page.GetElementById(anchor);
                Assert.NotNull(marker);
                Assert.Contains(marker!.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#" + reference.Id);
            }
        }
        var markerCount = page.QuerySelectorAll("sup.citation").Length;
        var distinctBacklinks = page.QuerySelectorAll(".cited-at a").Select(a => a.GetAttribute("href")).Distinct().Count();
        Assert.Equal(markerCount, distinctBacklinks);
    }

    [Fact]
    public async Task Table_of_contents_and_section_links_reach_every_section()
    {
        var page = await GetPageAsync(ArticleUrl);
        var sections = page.QuerySelectorAll("main article > section.section").ToList();

        var tocTargets = page.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")![1..]).ToList();
        Assert.Equal(sections.Select(s => s.Id).Append("references-heading").Append("cite-heading"), tocTargets);
        Assert.All(tocTargets, id => Assert.NotNull(page.GetElementById(id)));
        Assert.All(sections, s => Assert.Equal($"{ArticleUrl}/{s.Id}", s.QuerySelector(".section-link a")!.GetAttribute("href")));
    }
}
