using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;

namespace GutImmune.Tests.Content;

public class ArticleFileReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private const string MinimalArticle = """
        {
          "slug": "minimal",
          "title": "Minimal",
          "summary": "A summary.",
          "author": { "name": "A. Writer" },
          "status": "published",
          "sections": [
            { "slug": "one", "heading": "One", "kind": "prose", "body": "Claim.[1]" }
          ],
          "citations": [
            { "number": 1, "authors": "Doe J.", "title": "A study", "source": "J Test", "year": 2020 }
          ]
        }
        """;

    [Fact]
    public void Seed_file_reads_into_the_whole_article_in_order()
    {
        var result = ArticleFileReader.Read(File.ReadAllText(TestPaths.SeedFile), Now);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var article = result.Article!;
        Assert.Equal("gut-immune-system-connection", article.Slug);
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Equal(Now, article.PublishedAt);
        Assert.Equal(
            ["introduction", "how-the-gut-and-immune-system-are-connected", "interesting-facts", "microbiome-benefits", "causes-of-gut-imbalance", "points-to-remember"],
            article.Sections.Select(s => s.Slug));
        Assert.Equal([1, 2, 3, 4, 5, 6], article.Sections.Select(s => s.Position));
        Assert.Equal(7, article.Sections[2].Facts.Count);
        Assert.Equal(5, article.Sections[3].Facts.Count);
        Assert.Equal(["Poor Diet", "Antibiotics", "Pushing Yourself Too Hard", "Overindulgence in Alcohol"],
            article.Sections[4].Causes.Select(c => c.Title));
        Assert.Equal(Enumerable.Range(1, 9), article.Citations.Select(c => c.Number));
        Assert.StartsWith("Results may vary.", article.Disclaimer);
    }

    [Fact]
    public void Minimal_file_reads_with_defaults()
    {
        var result = ArticleFileReader.Read(MinimalArticle, Now);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(SectionKind.Prose, result.Article!.Sections[0].Kind);
        Assert.Equal(CitationKind.JournalArticle, result.Article.Citations[0].Kind);
        Assert.Equal(Now, result.Article.UpdatedAt);
    }

    [Theory]
    [InlineData("javascript:window.__xss=1")]
    [InlineData("data:image/svg+xml,<svg onload=window.__xss=1>")]
    [InlineData("/images/relative.png")]
    public void Hero_image_address_must_be_an_absolute_web_address(string url)
    {
        var json = MinimalArticle.Replace("\"status\"", $$"""
            "heroImage": { "url": "{{url}}", "alt": "A picture" },
              "status"
            """);

        var result = ArticleFileReader.Read(json, Now);

        Assert.Contains(result.Problems, p => p.Field == "heroImage.url" && p.Message.Contains("http or https"));
    }

    [Theory]
    [InlineData("\"sections\": [null]", "sections[0]")]
    [InlineData("\"sections\": [{ \"slug\": \"a\", \"heading\": \"A\", \"kind\": \"causeList\", \"causes\": [null] }]", "sections[0].causes[0]")]
    [InlineData("\"citations\": [null]", "citations[0]")]
    public void Null_where_an_object_belongs_is_reported_on_its_field(string part, string field)
    {
        var json = $$"""{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, {{part}} }""";

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == field && p.Message.Contains("not null"));
    }

    [Fact]
    public void Citation_marker_without_a_reference_is_rejected_naming_the_text_and_number()
    {
        var json = MinimalArticle.Replace("Claim.[1]", "Claim.[1] Another claim.[4]");

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("sections[0].body", problem.Field);
        Assert.Contains("[4]", problem.Message);
        Assert.Contains("reference 4", problem.Message);
    }

    [Fact]
    public void Every_problem_of_a_bad_file_is_listed_at_once()
    {
        const string json = """
            {
              "slug": "Not A Slug",
              "title": "",
              "summary": "Fine.",
              "author": { "name": "A. Writer" },
              "sections": [
                { "slug": "one", "heading": "One", "kind": "factList", "facts": ["Fact.[2]", ""] },
                { "slug": "one", "heading": "", "kind": "prose", "body": "Text", "causes": [ { "title": "T", "description": "D" } ] }
              ],
              "citations": [
                { "number": 1, "authors": "Doe J.", "title": "A", "doi": "https://doi.org/10.1/x", "url": "javascript:alert(1)" },
                { "number": 1, "authors": "", "title": "B", "pmid": "PMC123" }
              ]
            }
            """;

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        var fields = result.Problems.Select(p => p.Field).ToList();
        Assert.Contains("slug", fields);
        Assert.Contains("title", fields);
        Assert.Contains("sections[0].facts[0]", fields);
        Assert.Contains("sections[0].facts[1]", fields);
        Assert.Contains("sections[1].slug", fields);
        Assert.Contains("sections[1].heading", fields);
        Assert.Contains("sections[1].causes", fields);
        Assert.Contains("citations[0].doi", fields);
        Assert.Contains("citations[0].url", fields);
        Assert.Contains("citations[1].number", fields);
        Assert.Contains("citations[1].authors", fields);
        Assert.Contains("citations[1].pmid", fields);
    }

    [Fact]
    public void Malformed_json_is_rejected_with_its_line()
    {
        var result = ArticleFileReader.Read("{\n  \"slug\": \"x\",\n  \"title\": \n}", Now);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("line 4:", problem.Message);
    }

    [Fact]
    public void Unknown_field_is_rejected_so_typos_are_not_silently_dropped()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"summary\"", "\"summmary\""), Now);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == "summmary" && p.Message.Contains("not a field"));
    }

    [Fact]
    public void Unknown_fields_are_listed_together_with_every_other_problem()
    {
        var json = MinimalArticle
            .Replace("\"summary\"", "\"bogus\": 1, \"summary\"")
            .Replace("\"kind\": \"prose\"", "\"kind\": \"prose\", \"alsoBogus\": true")
            .Replace("\"slug\": \"minimal\"", "\"slug\": \"Not Valid\"")
            .Replace("Claim.[1]", "Claim.[77]");

        var result = ArticleFileReader.Read(json, Now);

        var fields = result.Problems.Select(p => p.Field).ToList();
        Assert.Contains("bogus", fields);
        Assert.Contains("sections[0].alsoBogus", fields);
        Assert.Contains("slug", fields);
        Assert.Contains("sections[0].body", fields);
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("GutImmune.Web"));
    }

    [Fact]
    public void Wrong_kind_of_value_is_explained_without_dotnet_type_names()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"year\": 2020", "\"year\": \"twenty\""), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("citations[0].year", problem.Field);
        Assert.EndsWith("expected a whole number.", problem.Message);
    }

    [Fact]
    public void Unknown_enum_value_is_rejected()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"kind\": \"prose\"", "\"kind\": \"poem\""), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("sections[0].kind", problem.Field);
    }
}
