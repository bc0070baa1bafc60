using GutImmune.Web.Content.Import;
using GutImmune.Web.ContentChecks;
using Xunit.Abstractions;

namespace GutImmune.Tests.ContentChecks;

/// <summary>The seed article's findings as the software computes them (for the issue's resolve note), written to the test output.</summary>
public class SeedArticleFindings(ITestOutputHelper output)
{
    [Fact]
    public void Seed_article_findings_are_printed()
    {
        var article = ArticleFileReader.Read(File.ReadAllText(TestPaths.SeedFile), DateTime.UtcNow).Article!;
        foreach (var citation in article.Citations)
            citation.Evidence = EvidenceFromTitle.Of(citation.Title);

        var result = ArticleChecks.Run(article, new ContentCheckOptions(), new DateOnly(2026, 11, 30));

        foreach (var s in result.Sections.Append(result.Whole))
            output.WriteLine($"{s.Heading}: FK {Readability.Format(s.FleschKincaid)}, SMOG {Readability.Format(s.Smog)}, {s.Statistics.Words} words, {s.Statistics.Sentences} sentences, {s.Statistics.Syllables} syllables{(s.AboveTarget ? " — above target" : "")}");
        foreach (var f in result.Findings)
        {
            output.WriteLine($"[{CheckGroups.Name(f.Group)}] {f.Where}: {f.Message}");
            foreach (var hint in f.Hints)
                output.WriteLine($"    {hint}");
        }
        Assert.NotEmpty(result.Sections);
    }
}
