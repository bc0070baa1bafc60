using GutImmune.Web.Content;

namespace GutImmune.Web.ContentChecks;

/// <summary>How hard one section (or, with no index, the whole article) is to read.</summary>
/// <param name="SectionIndex">The section's position from 0; null for the whole article.</param>
public sealed record SectionReadability(int? SectionIndex, string Heading, TextStatistics Statistics, double? FleschKincaid, double? Smog,
    bool AboveTarget, IReadOnlyList<string> LongestSentences, IReadOnlyList<string> LongWords);

/// <summary>Grades each section's paragraphs (its text, facts and causes) and the article as a whole against the target grade.</summary>
public static class Readability
{
    private const int HintCount = 3;

    /// <summary>Sentences of more than this many words are listed as hints for a hard section.</summary>
    public const int LongSentenceWords = 20;

    public static (IReadOnlyList<SectionReadability> Sections, SectionReadability Whole) Of(Article article, double targetGrade)
    {
        var sections = new List<SectionReadability>();
        var whole = TextStatistics.None;
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            var texts = new[] { section.Body }.Concat(section.Facts.Select(f => f.Text)).Concat(section.Causes.Select(c => c.Description));
            var statistics = OfMarkdown(texts);
            whole = whole.Add(statistics);
            sections.Add(Grade(i, section.Heading, statistics, targetGrade));
        }
        return (sections, Grade(null, article.Title, whole, targetGrade));
    }

    public static TextStatistics OfMarkdown(IEnumerable<string> markdownTexts) => markdownTexts
        .SelectMany(MarkdownBlocks.Paragraphs).Select(p => TextStatistics.Of(p.Text)).Aggregate(TextStatistics.None, (a, b) => a.Add(b));

    public static SectionReadability Grade(int? index, string heading, TextStatistics statistics, double targetGrade)
    {
        var fk = ReadingGrade.FleschKincaid(statistics);
        var smog = ReadingGrade.Smog(statistics);
        var above = fk > targetGrade || smog > targetGrade;
        var longest = statistics.SentenceTexts.Where(s => WordCount(s) > LongSentenceWords).OrderByDescending(WordCount).Take(HintCount).ToList();
        return new SectionReadability(index, heading, statistics, fk, smog, above, longest, statistics.LongWords);
    }

    /// <summary>A finding for each section above the target, with its longest sentences and long words as hints.</summary>
    public static IEnumerable<ContentFinding> Findings(IEnumerable<SectionReadability> sections, double targetGrade) =>
        sections.Where(s => s.AboveTarget && s.SectionIndex is not null).Select(s => new ContentFinding(CheckGroup.Readability,
            new ContentPlace.Section(s.SectionIndex!.Value), $"Section “{s.Heading}”",
            $"Reads at grade {Format(s.FleschKincaid)} (Flesch–Kincaid) and {Format(s.Smog)} (SMOG); the target is {targetGrade:0.#}.",
            [.. s.LongestSentences.Select(sentence => $"Long sentence ({WordCount(sentence)} words): {Claims.Excerpt(sentence, 200)}"),
             .. s.LongWords.Count > 0 ? new[] { $"Words of {TextStatistics.LongWordSyllables}+ syllables: {string.Join(", ", s.LongWords)}" } : []]));

    public static string Format(double? grade) => grade is { } g ? g.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private static int WordCount(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit));
}
