using System.Text.RegularExpressions;

namespace GutImmune.Tests.Web;

/// <summary>
/// Reads the scraped source of the seed article (tests/GutImmune.Tests/Fixtures), so tests can check the page against
/// the original words rather than against our own transcription.
/// </summary>
public static partial class SourceText
{
    [GeneratedRegex(@"\[\d+(?:\s*[,-]\s*\d+)*\]")]
    private static partial Regex Marker();

    private static readonly string[] PageChrome =
    [
        "Take charge of your health journey",   // store banner
        "Restore Your Gut Microbiome",          // product call to action
        "The Gut-Immune System Connection",     // the title, checked on its own
        "Written by",                           // byline, checked on its own
        "A person handling lettuce",            // hero image alt text
        "What’s clear is that",                 // the paragraph that holds the quotation, checked on its own
        "References (9)",
    ];

    private static string[] Blocks() =>
        File.ReadAllText(TestPaths.SourceText).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every paragraph, heading, bullet and the disclaimer, without citation markers or page chrome.</summary>
    public static IEnumerable<string> ArticleParagraphs() => Blocks()
        .Where(block => !PageChrome.Any(block.StartsWith))
        .SelectMany(block => block.Split('\n', StringSplitOptions.TrimEntries))
        .Select(line => Marker().Replace(line.TrimStart('•', '†', ' '), ""))
        .Where(line => line.Length > 0);

    public static List<string> References() => Blocks().Single(b => b.StartsWith("References (9)"))
        .Split('\n', StringSplitOptions.TrimEntries).Skip(1)
        .Select(line => Regex.Replace(line, @"^\d+\.\s*", ""))
        .ToList();

    /// <summary>The reference numbers of every marker, in reading order, ranges expanded to their ends.</summary>
    public static List<int> CitationNumbersInOrder() => Blocks()
        .Where(block => !block.StartsWith("References (9)"))
        .SelectMany(block => Marker().Matches(block))
        .SelectMany(m => Regex.Matches(m.Value, @"\d+").Select(d => int.Parse(d.Value)))
        .ToList();
}
