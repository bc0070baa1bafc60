using AngleSharp.Html.Parser;
using GutImmune.Web.Content;
using GutImmune.Web.Reading;

namespace GutImmune.Tests.Content;

public class AmaStyleTests
{
    private static string Text(Citation citation) =>
        new HtmlParser().ParseFragment(AmaStyle.Format(citation).Value!, null!).Select(n => n.TextContent).Aggregate("", string.Concat);

    [Fact]
    public void Journal_article_with_date_issue_and_pages()
    {
        var citation = new Citation
        {
            Number = 5, Authors = ReferenceAuthors.FromText("Nicholson JK, et al."), Title = "Host-gut microbiota metabolic interactions", Source = "Science",
            Year = 2012, DateDetail = "Jun 8", Volume = "336", Issue = "6086", Pages = "1262-1267",
        };

        Assert.Equal("Nicholson JK, et al. Host-gut microbiota metabolic interactions. Science. 2012 Jun 8;336(6086):1262-1267.", Text(citation));
        Assert.Contains("<i>Science</i>", AmaStyle.Format(citation).Value);
    }

    [Fact]
    public void Book_with_publisher_and_accessed_date()
    {
        var citation = new Citation
        {
            Kind = CitationKind.Book, Authors = ReferenceAuthors.FromText("Abbas AK, et al."), Title = "Cellular and Molecular Immunology E-Book",
            Source = "Elsevier Health Sciences", Year = 2017, AccessedOn = new DateOnly(2020, 5, 9),
        };

        Assert.Equal("Abbas AK, et al. Cellular and Molecular Immunology E-Book. Elsevier Health Sciences; 2017. Accessed May 9, 2020.", Text(citation));
    }

    [Fact]
    public void Doi_and_pmid_become_links()
    {
        var citation = new Citation
        {
            Authors = ReferenceAuthors.FromText("Doe J."), Title = "A study?", Source = "J Test", Year = 2020, Volume = "1", Pages = "2",
            Doi = "10.1000/xyz<1>", Pmid = "123456",
        };

        var html = new HtmlParser().ParseDocument(AmaStyle.Format(citation).Value!);
        Assert.Equal(["https://doi.org/10.1000/xyz<1>", "https://pubmed.ncbi.nlm.nih.gov/123456/"],
            html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Doe J. A study? J Test. 2020;1:2. doi:10.1000/xyz<1>. PMID: 123456.", html.Body!.TextContent);
    }
}
