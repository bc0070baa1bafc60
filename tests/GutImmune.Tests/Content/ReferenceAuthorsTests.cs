using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Reading;

namespace GutImmune.Tests.Content;

/// <summary>Reference authors as a list of names and an "et al." flag: converted from the old text, printed and exported.</summary>
public class ReferenceAuthorsTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Vighi G, et al.", new[] { "Vighi G" }, true)]
    [InlineData("Vighi G, Marcucci F, Sensi L, et al.", new[] { "Vighi G", "Marcucci F", "Sensi L" }, true)]
    [InlineData("Belkaid Y, Hand TW", new[] { "Belkaid Y", "Hand TW" }, false)]
    [InlineData("World Health Organization", new[] { "World Health Organization" }, false)]
    [InlineData(" Smith J ,Jones K,  ", new[] { "Smith J", "Jones K" }, false)]
    [InlineData("Doe J, ET AL", new[] { "Doe J" }, true)]
    [InlineData("et al.", new string[0], true)]
    [InlineData("", new string[0], false)]
    public void Old_author_text_becomes_names_and_et_al(string text, string[] names, bool etAl)
    {
        var authors = ReferenceAuthors.FromText(text);

        Assert.Equal(names, authors.Names);
        Assert.Equal(etAl, authors.EtAl);
    }

    [Theory]
    [InlineData("Vighi G, et al.")]
    [InlineData("Nicholson JK, et al.")]
    [InlineData("Vighi G, Marcucci F, Sensi L, et al.")]
    [InlineData("World Health Organization")]
    public void Ama_text_of_converted_authors_is_the_old_text_unchanged(string text)
    {
        Assert.Equal(text, ReferenceAuthors.FromText(text).ToString());
    }

    [Fact]
    public void Every_seed_reference_prints_its_authors_in_ama_as_the_seed_file_wrote_them()
    {
        var seed = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SeedFile));
        var texts = seed.RootElement.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("authors").GetString()!).ToList();

        var article = ArticleFileReader.Read(File.ReadAllText(TestPaths.SeedFile), Now).Article!;

        Assert.Equal(texts, article.Citations.Select(c => c.Authors.ToString()));
        Assert.All(article.Citations, c => Assert.StartsWith(c.Authors + " ", AmaStyle.FormatText(c)));
    }

    [Fact]
    public void Bibtex_writes_each_author_as_last_comma_initials_and_et_al_as_others()
    {
        var bib = ReferenceExport.ReferencesBibTex("a", [Reference(ReferenceAuthors.FromText("Vighi G, et al.")), Reference(new(["Abbas AK", "World Health Organization"], false))]);

        Assert.Contains("  author = {Vighi, G. and others},\n", bib);
        Assert.Contains("  author = {Abbas, A. K. and {World Health Organization}},\n", bib);
    }

    [Fact]
    public void Ris_writes_one_AU_line_per_author_and_et_al_only_in_the_note()
    {
        var ris = ReferenceExport.ReferencesRis([Reference(new(["Vighi G", "Marcucci F"], true))]);

        Assert.Contains("AU  - Vighi, G.\r\nAU  - Marcucci, F.\r\n", ris);
        Assert.DoesNotContain("AU  - et al", ris);
        Assert.Contains("N1  - Reference 1; more authors follow (et al.)\r\n", ris);
    }

    [Fact]
    public void Article_file_round_trips_names_and_et_al_and_still_reads_the_old_text()
    {
        var article = ArticleFileReader.Read(File.ReadAllText(TestPaths.SeedFile), Now).Article!;
        article.Citations[0].Authors = new(["Vighi G", "Marcucci F"], true);
        article.Citations[1].Authors = new(["Lazar V"], false);

        var json = ArticleFileWriter.Write(article);
        var again = ArticleFileReader.Read(json, Now);

        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.Contains("\"authors\": [\n        \"Vighi G\",\n        \"Marcucci F\"\n      ],\n      \"etAl\": true,", json.ReplaceLineEndings("\n"));
        Assert.Equal(article.Citations.Select(c => c.Authors), again.Article!.Citations.Select(c => c.Authors));
    }

    [Fact]
    public void Article_file_names_a_wrong_kind_of_authors_value()
    {
        var json = File.ReadAllText(TestPaths.SeedFile).Replace("\"authors\": \"Vighi G, et al.\"", "\"authors\": 12");

        var result = ArticleFileReader.Read(json, Now);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Described.StartsWith("Citation 1, authors") && p.Message.Contains("a list of names"));
    }

    private static Citation Reference(ReferenceAuthors authors) => new() { Number = 1, Authors = authors, Title = "T", Year = 2020 };
}

/// <summary>The reference form: one name a line and an "et al." box.</summary>
public class ReferenceAuthorsFormTests
{
    [Fact]
    public async Task Reference_form_saves_one_name_a_line_and_the_et_al_box()
    {
        using var site = new GutImmune.Tests.Web.GutImmuneFactory();
        var (editor, adminUrl) = await GutImmune.Tests.Admin.StaffSession.EditorWithSeedArticleAsync(site);
        var editUrl = GutImmune.Tests.Admin.StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Edit or renumber");
        var form = await editor.GetPageAsync(editUrl);
        Assert.Equal("Vighi G", form.QuerySelector("textarea[name=AuthorNames]")!.TextContent.Trim());
        Assert.NotNull(form.QuerySelector("input[name=EtAl][checked]"));

        var saved = await editor.SubmitAsync(editUrl, "main form", new() { ["AuthorNames"] = "Vighi G\r\n  Marcucci F \r\n\r\nSensi L", ["EtAl"] = "false" });
        var page = await editor.FollowAsync(saved);

        Assert.Contains("Vighi G, Marcucci F, Sensi L. Allergy", page.Body!.TextContent);
        var stored = await site.WithServiceAsync<GutImmune.Web.Data.GutImmuneDbContext, Citation>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Citations, c => c.Number == 1));
        Assert.Equal(["Vighi G", "Marcucci F", "Sensi L"], stored.AuthorNames);
        Assert.False(stored.AuthorsEtAl);
    }
}
