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

    /// <summary>An image from an http:// address is refused in a file as on the section's form, also before a link the site neutralises.</summary>
    [Theory]
    [InlineData("![h](http://evil.example/a.png)")]
    [InlineData("![h](http://evil.example/a.png) and an unsafe link after it: [z](vbscript:x)")]
    [InlineData("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [x](JaVaScRiPt:alert(4)) [y](java&#x09;script:alert(5)) ![d](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) ![h](http://evil.example/a.png) <iframe src=//evil></iframe> [z](vbscript:x) [w](data:text/html,<script>alert(6)</script>)")]
    public void An_image_from_an_http_address_is_refused(string body)
    {
        var json = MinimalArticle.Replace("\"body\": \"Claim.[1]\"", $"\"body\": {System.Text.Json.JsonSerializer.Serialize(body + " Claim.[1]")}");

        var result = ArticleFileReader.Read(json, Now);

        Assert.Contains(result.Problems, p => p.Message == GutImmune.Web.Markdown.ContentMarkdown.HttpImage);
    }

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
    [InlineData("http://example.org/hero.png")]
    public void Hero_image_address_must_be_an_absolute_https_address(string url)
    {
        var json = MinimalArticle.Replace("\"status\"", $$"""
            "heroImage": { "url": "{{url}}", "alt": "A picture" },
              "status"
            """);

        var result = ArticleFileReader.Read(json, Now);

        Assert.Contains(result.Problems, p => p.Place.FilePath == "heroImage.url" && p.Message.Contains("absolute https address"));
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
        Assert.Contains(result.Problems, p => p.Place.FilePath == field && p.Message.Contains("not null"));
    }

    [Fact]
    public void Citation_marker_without_a_reference_is_rejected_naming_the_text_and_number()
    {
        var json = MinimalArticle.Replace("Claim.[1]", "Claim.[1] Another claim.[4]");

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("sections[0].body", problem.Place.FilePath);
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
        var fields = result.Problems.Select(p => p.Place.FilePath).ToList();
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
    public void Malformed_json_says_where_the_file_is_broken_in_words_counting_from_1()
    {
        var result = ArticleFileReader.Read("{\n  \"slug\": \"x\"\n  \"title\": \"y\"\n}", Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ContentPlace.Article, problem.Place);
        Assert.StartsWith("The file is not valid JSON: line 3, character 3 — ", problem.Message);
        Assert.Contains("comma", problem.Message);
        Assert.DoesNotContain("LineNumber", problem.Message);
        Assert.DoesNotContain("BytePosition", problem.Message);
    }

    [Fact]
    public void Position_of_broken_json_counts_characters_not_bytes()
    {
        var result = ArticleFileReader.Read("{ \"title\": \"Ünïcödé 😀\" ] }", Now);

        Assert.StartsWith("The file is not valid JSON: line 1, character 24 — ", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Json_cut_short_says_the_file_ends_too_soon()
    {
        var result = ArticleFileReader.Read("{\n  \"slug\": \"x\",\n  \"title\": \n}", Now);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("The file is not valid JSON: line 4, character 1 — ", problem.Message);
        Assert.Contains("found '}' where a value should be", problem.Message);
    }

    [Fact]
    public void Unknown_field_is_rejected_so_typos_are_not_silently_dropped()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"summary\"", "\"summmary\""), Now);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Place.FilePath == "summmary" && p.Message.Contains("not a field"));
    }

    [Fact]
    public void Each_described_image_needs_its_number_and_what_identifies_it()
    {
        var hash = new string('a', 64);
        string WithImages(params string[] images) =>
            MinimalArticle.Replace("\"status\"", $"\"images\": [{string.Join(", ", images)}], \"status\"");
        var described = $$"""{ "mediaId": 3, "uploadHash": "{{hash}}", "alt": "A bowl" }""";

        var result = ArticleFileReader.Read(WithImages(described,
            """{ "mediaId": 3, "fingerprint": "0123456789abcdef" }""",
            """{ "uploadHash": "not a hash" }""",
            """{ "mediaId": 4, "alt": "Nothing else" }""",
            """{ "mediaId": 5, "fingerprint": "0123456789abcdef", "width": 10 }"""), Now);

        Assert.Equal(
            ["images[1].mediaId", "images[2].mediaId", "images[2].uploadHash", "images[3]", "images[4].width"],
            result.Problems.Select(p => p.Place.FilePath).Order());
        Assert.Contains(result.Problems, p => p.Described == "Image 4: says nothing that identifies the image: give its uploadHash or its fingerprint (an export gives both).");

        var read = ArticleFileReader.Read(WithImages(described, """{ "mediaId": 6, "fingerprint": "0123456789abcdef" }"""), Now);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        Assert.Equal([3, 6], read.Images.Select(i => i.MediaId!.Value));
        Assert.Equal(hash, read.Images[0].UploadHash);
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

        var fields = result.Problems.Select(p => p.Place.FilePath).ToList();
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
        Assert.Equal("citations[0].year", problem.Place.FilePath);
        Assert.Equal("expected a whole number.", problem.Message);
    }

    [Theory]
    [InlineData("\"year\": 2020", "\"year\": \"2020\"", "citations[0].year", "2020")]
    [InlineData("\"number\": 1", "\"number\": \" 1\"", "citations[0].number", "1")]
    public void Number_written_as_text_in_quotes_is_refused_on_its_field(string number, string quoted, string field, string written)
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace(number, quoted), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Place.FilePath);
        Assert.Equal($"expected a whole number, not text in quotes: write {written} without the quotes.", problem.Message);
    }

    [Fact]
    public void Reference_number_too_large_is_reported_once_on_its_field_without_follow_on_problems()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"number\": 1", "\"number\": 99999999999"), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("citations[0].number", problem.Place.FilePath);
        Assert.Equal("expected a whole number; 99999999999 is too large.", problem.Message);
    }

    [Theory]
    [InlineData("\"title\": \"Minimal\"", "\"title\": \"\\ud800\"", "title", "\\ud800")]
    [InlineData("\"title\": \"Minimal\"", "\"title\": \"Gut \\udc00 health\\ud83d\\ude00\"", "title", "\\udc00")]
    [InlineData("\"summary\"", "\"topics\": [\"Gut\", \"\\uD83D\"], \"summary\"", "Topic 2", "\\uD83D")]
    [InlineData("\"summary\"", "\"\\ud800\": 1, \"summary\"", "", "\\ud800")]
    public void Lone_surrogate_escape_is_reported_as_an_invalid_escape_at_its_place(string part, string replacement, string place, string escape)
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace(part, replacement), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(place, problem.Place.Describe());
        Assert.Contains($"holds an invalid character escape, {escape}: a lone surrogate", problem.Message);
        Assert.DoesNotContain("expected text in quotes", problem.Message);
    }

    [Theory]
    [InlineData("\"title\": \"Minimal\"", "\"title\": \"Minimal\", // the title\n", 3, 23, "no comments")]
    [InlineData("\"title\": \"Minimal\"", "/* a title */ \"title\": \"Minimal\"", 3, 3, "no comments")]
    [InlineData("\"year\": 2020 }", "\"year\": 2020, }", 11, 95, "comma after the last")]
    [InlineData("\"body\": \"Claim.[1]\" }\n  ]", "\"body\": \"Claim.[1]\" },\n  ]", 9, 3, "comma after the last")]
    public void Comments_and_trailing_commas_are_refused_as_not_json_with_their_place(string part, string replacement, int line, int character, string words)
    {
        var json = MinimalArticle.Replace(part, replacement);
        Assert.NotEqual(MinimalArticle, json);

        var result = ArticleFileReader.Read(json, Now);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"The file is not valid JSON: line {line}, character {character} — ", problem.Message);
        Assert.Contains(words, problem.Message);
    }

    [Fact]
    public void Unknown_enum_value_is_rejected()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"kind\": \"prose\"", "\"kind\": \"poem\""), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("sections[0].kind", problem.Place.FilePath);
        Assert.Equal("expected one of: prose, factList, causeList, summary.", problem.Message);
    }

    [Fact]
    public void Wrong_kinds_of_values_are_listed_with_every_other_problem()
    {
        var json = MinimalArticle
            .Replace("\"kind\": \"prose\"", "\"kind\": \"poem\"")
            .Replace("\"year\": 2020", "\"year\": \"twenty\", \"pmid\": \"PMC1\"")
            .Replace("\"slug\": \"minimal\"", "\"slug\": \"Not Valid\", \"topics\": \"Gut\"")
            .Replace("\"summary\"", "\"bogus\": 1, \"summary\"")
            .Replace("\"status\": \"published\"", "\"status\": \"published\", \"publishedAt\": \"yesterday\"")
            .Replace("\"sections\": [", "\"sections\": [ 7, null,");

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["slug"] = "\"Not Valid\" is not a valid slug.",
                ["topics"] = "expected a list ([ ... ]).",
                ["bogus"] = "is not a field of the article file format",
                ["publishedAt"] = "expected a date and time like \"2020-05-09T10:00:00Z\".",
                ["sections[0]"] = "expected a section object ({ ... }).",
                ["sections[1]"] = "expected a section object ({ ... }), not null.",
                ["sections[2].kind"] = "expected one of: prose, factList, causeList, summary.",
                ["citations[0].year"] = "expected a whole number.",
                ["citations[0].pmid"] = "a PubMed ID is digits only.",
            },
            result.Problems.ToDictionary(p => p.Place.FilePath, p => Shorten(p.Message)));
        Assert.Equal(result.Problems.Count, result.ProblemCount);

        static string Shorten(string message) => message.StartsWith("is not a field") ? "is not a field of the article file format"
            : message.StartsWith("\"Not Valid\"") ? "\"Not Valid\" is not a valid slug." : message;
    }

    [Fact]
    public void Duplicate_field_is_reported_rather_than_one_value_silently_winning()
    {
        var result = ArticleFileReader.Read(MinimalArticle.Replace("\"title\": \"Minimal\"", "\"title\": \"Minimal\", \"Title\": \"Other\""), Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Title", problem.Place.FilePath);
        Assert.Contains("appears twice", problem.Message);
    }

    [Fact]
    public void A_file_with_a_flood_of_problems_lists_the_first_100_and_counts_the_rest_quickly()
    {
        var sections = string.Join(",", Enumerable.Repeat("""{"slug":"s","bogus":1}""", 70_000));
        var json = MinimalArticle.Replace("\"sections\": [", $"\"sections\": [{sections},");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = ArticleFileReader.Read(json, Now);

        clock.Stop();
        Assert.Equal(ArticleFileReader.MaxListedProblems, result.Problems.Count);
        Assert.Equal(70_000, result.ProblemCount);
        Assert.Equal("sections[0].bogus", result.Problems[0].Place.FilePath);
        // A bound against quadratic work (minutes at 70,000 problems), not a speed target: loose enough for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    public static TheoryData<ContentPlace, string> Places => new()
    {
        { new ContentPlace.Fact(1, 2), "Section 2, fact 3" },
        { new ContentPlace.Cause(0, 1, CausePart.Title), "Section 1, cause 2, title" },
        { new ContentPlace.Citation(0, CitationPart.Doi), "Citation 1, doi" },
        { new ContentPlace.Topic(3), "Topic 4" },
        { new ContentPlace.ArticleField(ArticlePart.HeroImageUrl), "heroImage.url" },
        { new ContentPlace.ArticleField(ArticlePart.Slug), "slug" },
        { new ContentPlace.FileField(new ContentPlace.Section(0), "alsoBogus"), "Section 1, alsoBogus" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Places_shown_to_editors_count_from_1(ContentPlace place, string described) =>
        Assert.Equal(described, place.Describe());
}
