using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace GutImmune.Tests.Web;

public class SectionPageTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    public static TheoryData<string, string> Sections => new()
    {
        { "introduction", "Introduction" },
        { "how-the-gut-and-immune-system-are-connected", "How Are the Gut & the Immune System Connected?" },
        { "interesting-facts", "Interesting Facts About the Gut’s Immune System" },
        { "microbiome-benefits", "How Your Microbiome Benefits Your Immune System" },
        { "causes-of-gut-imbalance", "What Causes Your Gut To Become Unbalanced?" },
        { "points-to-remember", "Points to Remember" },
    };

    private async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task Each_section_view_answers_with_its_heading_and_a_link_back_to_the_article(string slug, string heading)
    {
        var page = await GetPageAsync($"{ArticleUrl}/{slug}");

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == ArticleUrl);
    }

    [Fact]
    public async Task Section_view_lists_only_the_references_it_cites_keeping_their_numbers()
    {
        var page = await GetPageAsync($"{ArticleUrl}/causes-of-gut-imbalance");

        var references = page.QuerySelectorAll("section.references ol > li").ToList();
        Assert.Equal(["ref-2", "ref-6", "ref-7", "ref-8", "ref-9"], references.Select(r => r.Id));
        Assert.Equal(["2", "6", "7", "8", "9"], references.Select(r => r.GetAttribute("value")));
        Assert.All(page.QuerySelectorAll("sup.citation a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        Assert.Equal(["Poor Diet", "Antibiotics", "Pushing Yourself Too Hard", "Overindulgence in Alcohol"],
            page.QuerySelectorAll(".cause h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task Section_view_without_citations_has_no_reference_list()
    {
        var page = await GetPageAsync($"{ArticleUrl}/points-to-remember");

        Assert.Null(page.QuerySelector("section.references"));
        Assert.Contains("More than 70 percent of the immune system lives in the gut.", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Section_views_link_to_their_previous_and_next_sections()
    {
        var first = await GetPageAsync($"{ArticleUrl}/introduction");
        var middle = await GetPageAsync($"{ArticleUrl}/interesting-facts");
        var last = await GetPageAsync($"{ArticleUrl}/points-to-remember");

        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal($"{ArticleUrl}/how-the-gut-and-immune-system-are-connected", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal($"{ArticleUrl}/how-the-gut-and-immune-system-are-connected", middle.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal($"{ArticleUrl}/microbiome-benefits", middle.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(last.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Section_view_lists_every_section_of_the_article_and_marks_the_one_shown()
    {
        var page = await GetPageAsync($"{ArticleUrl}/interesting-facts");

        var links = page.QuerySelectorAll("nav.section-nav .section-list a").ToList();
        Assert.Equal(Sections.Select(row => (string)row[1]), links.Select(a => a.TextContent));
        Assert.Equal(Sections.Select(row => $"{ArticleUrl}/{row[0]}"), links.Select(a => a.GetAttribute("href")));
        Assert.Equal([$"{ArticleUrl}/interesting-facts"], links.Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.GetAttribute("href")));
    }
}
