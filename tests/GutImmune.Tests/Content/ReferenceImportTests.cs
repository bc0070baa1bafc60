using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Content.Import.References;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Content;

/// <summary>Pasted BibTeX, RIS, MEDLINE and CSL-JSON become references; what the exports write reads back the same.</summary>
public class ReferenceImportTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly int ThisYear = Now.Year;

    /// <summary>The seed's references and a few more kinds: several authors, an organisation, a web page with its accessed date.</summary>
    private static List<Citation> References()
    {
        var citations = ArticleFileReader.Read(File.ReadAllText(TestPaths.SeedFile), Now).Article!.Citations;
        citations.Add(new Citation
        {
            Number = 10, Authors = new(["Belkaid Y", "Hand TW"], false), Title = "Role of the microbiota in immunity & inflammation",
            Source = "Cell", Year = 2014, Volume = "157", Issue = "1", Pages = "121-141", Doi = "10.1016/j.cell.2014.03.011", Pmid = "24679531",
            Evidence = EvidenceType.AnimalOrLaboratory,
        });
        citations.Add(new Citation
        {
            Number = 11, Kind = CitationKind.WebPage, Authors = new(["World Health Organization"], false), Title = "Healthy diet",
            Source = "WHO", Year = 2020, Url = "https://www.who.int/news-room/fact-sheets/detail/healthy-diet?x=1#top", AccessedOn = new DateOnly(2026, 1, 2),
            Evidence = EvidenceType.Guideline,
        });
        return citations;
    }

    /// <summary>Every field the exports write (the month and day are not among them), and the evidence type.</summary>
    private static object Fields(Citation c) =>
        (c.Kind, c.Authors.ToString(), c.Title, c.Source, c.Year, c.Volume, c.Issue, c.Pages, c.Doi, c.Pmid, c.Url, c.AccessedOn, c.Evidence);

    [Fact]
    public void What_the_bibtex_export_writes_imports_back_to_the_same_references()
    {
        var references = References();

        var read = ReferenceListReader.Read(ReferenceExport.ReferencesBibTex("a", references), ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        Assert.Equal(ReferenceListReader.Format.BibTex, read.Format);
        Assert.Equal(references.Select(Fields), read.References.Select(Fields));
    }

    [Fact]
    public void What_the_ris_export_writes_imports_back_to_the_same_references()
    {
        var references = References();

        var read = ReferenceListReader.Read(ReferenceExport.ReferencesRis(references), ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        Assert.Equal(ReferenceListReader.Format.Ris, read.Format);
        Assert.Equal(references.Select(Fields), read.References.Select(Fields));
    }

    [Fact]
    public void Pubmed_medline_record_maps_to_the_citation_fields()
    {
        const string nbib = """
            PMID- 22674330
            OWN - NLM
            DP  - 2012 Jun 8
            TI  - Host-gut microbiota metabolic interactions.
            PG  - 1262-7
            LID - 10.1126/science.1223813 [doi]
            FAU - Nicholson, Jeremy K
            AU  - Nicholson JK
            AU  - Holmes E
            TA  - Science
            VI  - 336
            IP  - 6086

            PMID- 1
            TI  - A second record with a title that goes on
                  over two lines.
            AU  - Doe J
            DP  - 2020
            """;

        var read = ReferenceListReader.Read(nbib, ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        var first = read.References[0];
        Assert.Equal((CitationKind.JournalArticle, "Nicholson JK, Holmes E", "Host-gut microbiota metabolic interactions", "Science", 2012, "Jun 8", "336", "6086", "1262-7", "10.1126/science.1223813", "22674330"),
            (first.Kind, first.Authors.ToString(), first.Title, first.Source, first.Year, first.DateDetail, first.Volume, first.Issue, first.Pages, first.Doi, first.Pmid));
        Assert.Equal("A second record with a title that goes on over two lines", read.References[1].Title);
    }

    [Fact]
    public void Csl_json_items_map_to_the_citation_fields()
    {
        const string json = """
            [
              { "type": "article-journal", "title": "Allergy and the gastrointestinal system",
                "author": [ { "family": "Vighi", "given": "Giovanni" }, { "family": "Marcucci", "given": "F." } ],
                "container-title": "Clinical and Experimental Immunology", "container-title-short": "Clin Exp Immunol",
                "issued": { "date-parts": [[2008, 9]] }, "volume": 153, "issue": "Suppl 1", "page": "3-6",
                "DOI": "10.1111/j.1365-2249.2008.03713.x", "PMID": "18721321" },
              { "type": "webpage", "title": "Stress", "author": [ { "literal": "NHS" } ], "URL": "https://www.nhs.uk/stress",
                "accessed": { "date-parts": [[2026, 1, 2]] } }
            ]
            """;

        var read = ReferenceListReader.Read(json, ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        var (article, page) = (read.References[0], read.References[1]);
        Assert.Equal(("Vighi G, Marcucci F", "Clin Exp Immunol", 2008, "153", "Suppl 1", "3-6", "10.1111/j.1365-2249.2008.03713.x", "18721321"),
            (article.Authors.ToString(), article.Source, article.Year, article.Volume, article.Issue, article.Pages, article.Doi, article.Pmid));
        Assert.Equal((CitationKind.WebPage, "NHS", "https://www.nhs.uk/stress", new DateOnly(2026, 1, 2)), (page.Kind, page.Authors.ToString(), page.Url, page.AccessedOn));
    }

    [Fact]
    public void Bibtex_latex_accents_urls_string_macros_booktitle_and_name_suffixes_are_read()
    {
        const string bib = """
            @string{fi = "Frontiers in Immunology"}
            @article{a,
              author = {M{\"u}ller, J{\"o}rg and Smith, Jr., John and {\relax Ch}ang, Wei and Garc{\'e}s, Ana},
              title = {Caf{\'e}, {\`a} la cr{\`e}me, h{\^o}tel, se{\~n}or, gar{\c{c}}on, Stra{\ss}e, {\o}l, {\aa}r: {T}h1 cells, see \url{https://example.org/gut}},
              journal = fi, year = 2020
            }
            @inproceedings{b, author = {Doe, J.}, title = {A talk}, booktitle = {Proceedings of the {Gut} Meeting}, year = {2021}}
            """;

        var read = ReferenceListReader.Read(bib, ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        var (article, talk) = (read.References[0], read.References[1]);
        Assert.Equal("Müller J, Smith J, Chang W, Garcés A", article.Authors.ToString());
        Assert.Equal("Café, à la crème, hôtel, señor, garçon, Straße, øl, år: Th1 cells, see https://example.org/gut", article.Title);
        Assert.Equal("Frontiers in Immunology", article.Source);
        Assert.Equal("Proceedings of the Gut Meeting", talk.Source);
    }

    [Fact]
    public void Ris_accession_numbers_are_pubmed_ids_and_initials_are_taken_from_letters_only()
    {
        const string ris = "TY  - JOUR\nAU  - O'Hara, \"Quote\"\nAU  - Evil, <svg onload=alert(1)>\nTI  - T\nPY  - 2020\nAN  - 12345678\nER  - \n";

        var read = ReferenceListReader.Read(ris, ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        var reference = read.References[0];
        Assert.Equal("12345678", reference.Pmid);
        Assert.Equal("O'Hara", reference.Authors.Names[0]);
        Assert.DoesNotContain("<", reference.Authors.ToString());
        Assert.DoesNotContain("\"", reference.Authors.ToString());
    }

    [Fact]
    public void Csl_json_raw_dates_give_the_year()
    {
        var read = ReferenceListReader.Read("""[{ "title": "T", "author": [{ "family": "Doe", "given": "J" }], "issued": { "raw": "2020-05-01" } }]""", ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        Assert.Equal(2020, read.References[0].Year);
    }

    [Fact]
    public void A_doi_in_a_wrong_form_and_a_year_in_the_future_are_bad_records()
    {
        var read = ReferenceListReader.Read($"TY  - JOUR\nAU  - Doe, J.\nTI  - T\nDO  - doi:10.1234 bad\nER  - \nTY  - JOUR\nAU  - Doe, J.\nTI  - T\nPY  - {ThisYear + 2}\nER  - \n", ThisYear);

        Assert.Empty(read.References);
        Assert.Equal(["Record 1 (line 1)", "Record 2 (line 6)"], read.Problems.Select(p => p.ToString()[..p.ToString().IndexOf(':')]));
        Assert.Contains("DOI", read.Problems[0].Message);
        Assert.Contains("future", read.Problems[1].Message);
    }

    [Fact]
    public void The_import_and_the_forms_share_one_year_rule_next_years_issue_allowed_the_year_after_refused()
    {
        var read = ReferenceListReader.Read($"TY  - JOUR\nAU  - Doe, J.\nTI  - T\nPY  - {ThisYear + 1}\nER  - \n", ThisYear);

        Assert.True(read.Succeeded, string.Join("\n", read.Problems));
        Assert.Null(ArticleValidator.FutureYearProblem(ThisYear + 1, ThisYear));
        Assert.Equal($"the year {ThisYear + 2} is in the future.", ArticleValidator.FutureYearProblem(ThisYear + 2, ThisYear));
        Assert.Equal($"the year {ThisYear + 2} is in the future.",
            ReferenceListReader.Read($"TY  - JOUR\nAU  - Doe, J.\nTI  - T\nPY  - {ThisYear + 2}\nER  - \n", ThisYear).Problems.Single().Message);
    }

    [Theory]
    [InlineData("TY  - JOUR\nAU  - Doe, J.\nTI  - Bad \uFFFD byte\nER  - \n")]
    [InlineData("TY  - JOUR\nAU  - Doe, J.\nTI  - Bad \0 byte\nER  - \n")]
    public void Text_with_characters_that_are_not_valid_text_is_refused(string text)
    {
        var read = ReferenceListReader.Read(text, ThisYear);

        Assert.Empty(read.References);
        Assert.Contains("not valid text", Assert.Single(read.Problems).Message);
    }

    [Fact]
    public void Each_bad_record_is_reported_with_its_position_and_nothing_is_read()
    {
        const string bib = """
            @article{good, author = {Doe, J.}, title = {Fine}, year = {2020}}

            @article{untitled, author = {Roe, R.}, year = {2021}}
            @book{nobody, title = {A book}, year = {twenty}}
            """;

        var read = ReferenceListReader.Read(bib, ThisYear);

        Assert.False(read.Succeeded);
        Assert.Empty(read.References);
        Assert.Equal(
            ["Record 2 (line 3): has no title.", "Record 3 (line 4): has no author.", "Record 3 (line 4): the year “twenty” is not a four-digit year."],
            read.Problems.Select(p => p.ToString()));
        Assert.Contains("not a format the import reads", ReferenceListReader.Read("Just some words", ThisYear).Problems.Single().Message);
        Assert.Equal("Record 1 (line 1): has no “ER  - ” line at its end.", ReferenceListReader.Read("TY  - JOUR\nTI  - T\nAU  - Doe, J.", ThisYear).Problems.Single().ToString());
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\uFFFD')]
    public async Task Pasted_text_that_is_not_valid_text_is_refused_on_the_field_and_shown_again(char bad)
    {
        using var site = new GutImmuneFactory();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var importUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Import references");

        var response = await editor.SubmitAsync(importUrl, "main form", new() { ["Text"] = $"TY  - JOUR\nAU  - Doe, J.\nTI  - Bad {bad} byte\nER  - \n" });

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("not valid text", page.QuerySelector("#Text-error, .field-error")!.TextContent);
        Assert.Contains("AU  - Doe, J.", page.QuerySelector("textarea[name=Text]")!.TextContent);
        Assert.Equal(9, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Citations.CountAsync()));
    }

    [Fact]
    public async Task Editor_imports_good_references_in_one_revision_and_a_mixed_paste_adds_nothing()
    {
        using var site = new GutImmuneFactory();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var importUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Import references");
        var revisions = await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Revisions.CountAsync());

        var mixed = await editor.SubmitAsync(importUrl, "main form", new()
        {
            ["Text"] = "TY  - JOUR\nAU  - Doe, J.\nTI  - Fine\nPY  - 2020\nER  - \nTY  - JOUR\nAU  - Roe, R.\nPY  - 2021\nER  - \n",
        });
        var refused = await StaffSession.ParseAsync(mixed);
        Assert.Contains("Nothing was imported", refused.Body!.TextContent);
        Assert.Contains("Record 2 (line 6): has no title.", refused.Body.TextContent);
        Assert.Contains("Roe, R.", refused.QuerySelector("textarea[name=Text]")!.TextContent);
        Assert.Equal(9, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Citations.CountAsync()));

        var added = await editor.SubmitAsync(importUrl, "main form", new()
        {
            ["Text"] = "@article{a, author = {Doe, J. and Roe, R. and others}, title = {Fine}, journal = {Gut}, year = {2020}, doi = {10.1136/x}}\n"
                + "@book{b, author = {{World Health Organization}}, title = {A book}, publisher = {WHO}, year = {2019}}",
        });
        var page = await editor.FollowAsync(added);

        Assert.Contains("Imported references 10–11.", page.Body!.TextContent);
        Assert.Contains("Doe J, Roe R, et al. Fine.", page.Body.TextContent);
        var stored = await site.WithServiceAsync<GutImmuneDbContext, List<Citation>>(db => db.Citations.AsNoTracking().Where(c => c.Number >= 10).OrderBy(c => c.Number).ToListAsync());
        Assert.Equal([(10, "Doe J, Roe R, et al.", "10.1136/x"), (11, "World Health Organization", (string?)null)], stored.Select(c => (c.Number, c.Authors.ToString(), c.Doi)));
        Assert.Equal(revisions + 1, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Revisions.CountAsync()));
    }
}
