using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.ContentChecks;

namespace GutImmune.Tests.ContentChecks;

/// <summary>Each content check on small articles built for it.</summary>
public class ContentCheckTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static Article ArticleWith(string body, params Citation[] citations) => new()
    {
        Slug = "a", Title = "A", Summary = "S", AuthorName = "N",
        Sections = [new Section { Slug = "s", Heading = "Intro", Body = body }],
        Citations = [.. citations],
    };

    private static Citation Reference(int number, string title = "A study", EvidenceType evidence = EvidenceType.NotClassified, int? year = 2024,
        string? doi = null, string? pmid = null) =>
        new() { Number = number, AuthorNames = ["X"], Title = title, Evidence = evidence, Year = year, Doi = doi, Pmid = pmid };

    private static IReadOnlyList<ContentFinding> Findings(Article article, CheckGroup group) =>
        ArticleChecks.Run(article, new ContentCheckOptions(), Today).Findings.Where(f => f.Group == group).ToList();

    [Fact]
    public void Paragraphs_facts_and_causes_without_a_citation_marker_are_listed()
    {
        var article = ArticleWith("Cited claim [1].\n\nUncited claim.", Reference(1));
        article.Sections.Add(new Section
        {
            Slug = "f", Heading = "Facts", Kind = SectionKind.FactList,
            Facts = [new Fact { Text = "A cited fact [1]." }, new Fact { Text = "An uncited fact." }],
        });
        article.Sections.Add(new Section
        {
            Slug = "c", Heading = "Causes", Kind = SectionKind.CauseList,
            Causes = [new Cause { Title = "Stress", Description = "Stress upsets the gut." }],
        });

        var uncited = Findings(article, CheckGroup.UncitedClaims);

        Assert.Equal(["Uncited claim.", "An uncited fact.", "Stress upsets the gut."], uncited.Select(f => f.Claim));
        Assert.Equal([new ContentPlace.Section(0, SectionPart.Body), new ContentPlace.Fact(1, 1), new ContentPlace.Cause(2, 0, CausePart.Description)],
            uncited.Select(f => f.Place));
    }

    [Fact]
    public void A_claim_marked_no_citation_needed_is_not_a_finding_until_its_text_changes()
    {
        var article = ArticleWith("See your doctor if pain lasts.");
        article.NoCitationNeeded.Add(new NoCitationNeeded("See your doctor if pain lasts.", "Advice, not a claim"));

        var result = ArticleChecks.Run(article, new ContentCheckOptions(), Today);
        Assert.DoesNotContain(result.Findings, f => f.Group == CheckGroup.UncitedClaims);
        Assert.Equal("Advice, not a claim", Assert.Single(result.Marked).Reason);

        article.Sections[0].Body = "See your doctor if pain lasts a week.";
        Assert.Single(Findings(article, CheckGroup.UncitedClaims));
    }

    [Fact]
    public void A_claim_citing_only_animal_or_laboratory_studies_is_flagged()
    {
        var article = ArticleWith("Sugar changes gut bacteria [1].\n\nFibre helps [1, 2].\n\nNot cited.",
            Reference(1, "Diet in mice", EvidenceType.AnimalOrLaboratory), Reference(2, "A trial", EvidenceType.RandomisedTrial));

        var flagged = Assert.Single(Findings(article, CheckGroup.Evidence));

        Assert.Contains("Sugar changes gut bacteria.", flagged.Message);
        Assert.Equal("Section “Intro”, paragraph 1", flagged.Where);
    }

    [Fact]
    public void Sections_above_the_target_grade_are_flagged_with_their_longest_sentences_and_long_words()
    {
        var article = ArticleWith("Immunological inflammation compromises intestinal permeability considerably. Eat well.");
        article.Sections.Add(new Section { Slug = "easy", Heading = "Easy", Body = "The gut is long. It helps you." });

        var result = ArticleChecks.Run(article, new ContentCheckOptions(), Today);
        var finding = Assert.Single(result.Findings, f => f.Group == CheckGroup.Readability);

        Assert.True(result.Sections[0].AboveTarget);
        Assert.False(result.Sections[1].AboveTarget);
        Assert.Equal(new ContentPlace.Section(0), finding.Place);
        // Its sentences are short: only the long words are hints.
        Assert.DoesNotContain(finding.Hints, h => h.StartsWith("Long sentence"));
        // com-pro-mis-es is four syllables too.
        Assert.Equal("Words of 4+ syllables: Immunological, inflammation, compromises, intestinal, permeability, considerably", finding.Hints[^1]);
        Assert.Equal(result.Sections[0].Statistics.Words + result.Sections[1].Statistics.Words, result.Whole.Statistics.Words);

        var lenient = ArticleChecks.Run(article, new ContentCheckOptions { TargetReadingGrade = 40 }, Today);
        Assert.DoesNotContain(lenient.Findings, f => f.Group == CheckGroup.Readability);
    }

    [Fact]
    public void Only_sentences_longer_than_the_limit_are_listed_as_long_sentences()
    {
        var longSentence = "Immunological " + string.Join(' ', Enumerable.Repeat("inflammation", Readability.LongSentenceWords)) + ".";
        var article = ArticleWith($"{longSentence} Intestinal permeability considerably compromised.");

        var finding = Assert.Single(Findings(article, CheckGroup.Readability));

        Assert.StartsWith($"Long sentence ({Readability.LongSentenceWords + 1} words): Immunological inflammation", finding.Hints[0]);
        Assert.Single(finding.Hints, h => h.StartsWith("Long sentence"));
    }

    [Theory]
    [InlineData("THIS IS A VERY LOUD SENTENCE INDEED.", "in capitals")]
    [InlineData("###### b", "it is h6 on the page after h2")]
    [InlineData("![](gut.png)", "has no description")]
    [InlineData("![IMG_2041.jpg](https://example.org/a.jpg)", "is a file name")]
    [InlineData("![diagram](https://example.org/diagram)", "is a file name")]
    [InlineData("### Too deep\n\nText", "skips a level")]
    [InlineData("# One\n\n### Three", "skips a level")]
    [InlineData("Read [click here](https://example.org).", "“click here”")]
    [InlineData("See [here](https://example.org).", "“here”")]
    [InlineData("[Read more](https://example.org)", "“Read more”")]
    [InlineData("See [https://example.org](https://example.org).", "bare web address")]
    [InlineData("See <https://example.org>.", "bare web address")]
    [InlineData("WARNING: DO NOT STOP TAKING YOUR MEDICINE without advice.", "in capitals")]
    [InlineData("| | |\n|---|---|\n| a | b |", "no header row")]
    public void Accessibility_problems_in_markdown_are_found(string markdown, string expected)
    {
        var finding = Assert.Single(AccessibilityChecks.Of(new ContentPlace.Section(0, SectionPart.Body), "Section", markdown));
        Assert.Contains(expected, finding.Message);
    }

    [Theory]
    [InlineData("![A diagram of the gut wall](https://example.org/gut.png)")]
    [InlineData("# One\n\n## Two\n\n# One again")]
    [InlineData("Read [the NHS page on IBS](https://www.nhs.uk/conditions/irritable-bowel-syndrome-ibs/).")]
    [InlineData("IgA and DNA and the NHS are short acronyms.")]
    [InlineData("Gut microbes make vitamins B1, B2, B5, B6, B12, K, and biotin.")]
    [InlineData("| Food | Fibre |\n|---|---|\n| Oats | 10 g |")]
    public void Accessible_markdown_has_no_findings(string markdown) =>
        Assert.Empty(AccessibilityChecks.Of(new ContentPlace.Section(0, SectionPart.Body), "Section", markdown));

    [Fact]
    public void Reference_hygiene_finds_bad_identifiers_duplicates_uncited_and_old_references()
    {
        var article = ArticleWith("Claim [1, 2, 3, 4].",
            Reference(1, "Gut and immunity", doi: "10.3389/fimmu.2018.01830", pmid: "30123456"),
            Reference(2, "Gut and Immunity!", doi: "doi:10.3389/x"),
            Reference(3, "Another", doi: "10.3389/FIMMU.2018.01830", pmid: "0123"),
            Reference(4, "Fourth", pmid: "30123456", year: 2016),
            Reference(5, "Never cited", year: 2015));

        var findings = Findings(article, CheckGroup.References).Select(f => $"{f.Where}: {f.Message}").ToList();

        Assert.Equal(
        [
            "Reference 2: The DOI “doi:10.3389/x” is not in the form 10.NNNN/suffix (e.g. 10.3389/fimmu.2018.01830).",
            "Reference 2: Has the same title as reference 1: the same work is listed twice.",
            "Reference 3: The PubMed ID “0123” is not a PubMed ID (1 to 9 digits, not starting with 0).",
            "Reference 3: Has the same DOI as reference 1: the same work is listed twice.",
            "Reference 4: Has the same PubMed ID as reference 1: the same work is listed twice.",
            "Reference 5: Is never cited in the article.",
            "Reference 5: Was published in 2015, 11 years ago (the limit is 10): look for newer evidence.",
        ], findings);
    }

    [Theory]
    [InlineData("High-glucose or -fructose diet cause changes of the gut microbiota and metabolic disorders in mice without body weight change", EvidenceType.AnimalOrLaboratory)]
    [InlineData("Butyrate effects on macrophages in vitro", EvidenceType.AnimalOrLaboratory)]
    [InlineData("Probiotics for eczema: a systematic review and meta-analysis", EvidenceType.SystematicReview)]
    [InlineData("A randomized controlled trial of fibre in adults", EvidenceType.RandomisedTrial)]
    [InlineData("Clinical practice guideline for coeliac disease", EvidenceType.Guideline)]
    // The seed article's other titles say nothing of their design: they stay not classified.
    [InlineData("Allergy and the gastrointestinal system", EvidenceType.NotClassified)]
    [InlineData("Aspects of gut microbiota and immune system interactions in infectious diseases, immunopathology, and cancer", EvidenceType.NotClassified)]
    [InlineData("Cellular and Molecular Immunology E-Book", EvidenceType.NotClassified)]
    [InlineData("Function and dysfunction of plasma cells in intestine", EvidenceType.NotClassified)]
    [InlineData("Host-gut microbiota metabolic interactions", EvidenceType.NotClassified)]
    [InlineData("Effects of psychological, environmental and physical stressors on the gut microbiota", EvidenceType.NotClassified)]
    [InlineData("Food intolerances", EvidenceType.NotClassified)]
    [InlineData("Alcohol and gut-derived inflammation", EvidenceType.NotClassified)]
    public void Seed_references_get_an_evidence_type_only_from_what_their_title_says(string title, EvidenceType expected) =>
        Assert.Equal(expected, EvidenceFromTitle.Of(title));

    [Fact]
    public void Evidence_types_and_marks_survive_the_article_file()
    {
        var article = ArticleWith("Uncited.", Reference(1, evidence: EvidenceType.Guideline));
        article.NoCitationNeeded.Add(new NoCitationNeeded("Uncited.", "A definition"));

        var read = ArticleFileReader.Read(ArticleFileWriter.Write(article), DateTime.UtcNow);

        Assert.True(read.Succeeded, string.Join("; ", read.Problems));
        Assert.Equal(EvidenceType.Guideline, read.Article!.Citations[0].Evidence);
        Assert.Equal(article.NoCitationNeeded, read.Article.NoCitationNeeded);
    }

    [Fact]
    public void A_mark_without_a_reason_is_refused_on_import()
    {
        var json = ArticleFileWriter.Write(ArticleWith("Text.")).TrimEnd().TrimEnd('}') + ", \"noCitationNeeded\": [ { \"claim\": \"Text.\", \"reason\": \" \" } ] }";

        var read = ArticleFileReader.Read(json, DateTime.UtcNow);

        Assert.Equal("noCitationNeeded[0].reason", Assert.Single(read.Problems).Place.FilePath);
    }
}
