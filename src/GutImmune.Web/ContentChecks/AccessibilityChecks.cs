using System.Text.RegularExpressions;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GutImmune.Web.ContentChecks;

/// <summary>
/// What in an editor's Markdown shuts some readers out: images without a real description, headings that skip a level,
/// links that do not say where they go, long passages in capitals, tables without a header row. Read from Markdig's tree.
/// </summary>
public static partial class AccessibilityChecks
{
    /// <summary>Words in capitals in a row that make a passage hard to read (acronyms come alone or in pairs).</summary>
    public const int CapitalWordsInARow = 5;

    private static readonly HashSet<string> VagueLinkTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        "click here", "here", "read more", "more", "click", "link", "this link", "this", "learn more", "more info", "go",
    };

    public static IEnumerable<ContentFinding> Of(Article article) =>
        article.MarkdownFields().SelectMany(field => Of(field.Place, field.Label, field.Text));

    public static IEnumerable<ContentFinding> Of(ContentPlace place, string label, string markdown)
    {
        var findings = new List<ContentFinding>();
        void Add(string message, params string[] hints) => findings.Add(new(CheckGroup.Accessibility, place, label, message, hints));

        var (document, problem) = ContentMarkdown.ParseSyntaxWithinCost(markdown);
        if (document is null)
        {
            // Readers could not be shown it either; the other checks skip it.
            Add($"This text {problem} The other content checks could not read it.");
            return findings;
        }
        // The text sits under the section's h2 (a fact or cause under the section too): its first heading should be "#" (h3 on the page).
        var previousLevel = 0;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HeadingBlock heading:
                    if (heading.Level > previousLevel + 1)
                        Add($"The heading “{HeadingText(heading)}” skips a level: it is h{PageLevel(heading.Level)} on the page after h{PageLevel(previousLevel)}.",
                            $"Use {new string('#', previousLevel + 1)} for it, so that screen-reader users can follow the outline.");
                    previousLevel = heading.Level;
                    break;
                case LinkInline { IsImage: true } image:
                    var alt = MarkdownBlocks.Collapse(MarkdownBlocks.TextOf(image));
                    if (!TextCharacters.HasVisible(alt))
                        Add($"An image ({image.Url}) has no description (alt text).", "Write what the image shows between the brackets: ![A diagram of the gut wall](…).");
                    else if (LooksLikeFileName(alt, image.Url))
                        Add($"An image’s description is a file name: “{alt}”.", "Describe what the image shows instead.");
                    break;
                case LinkInline link:
                    var text = MarkdownBlocks.Collapse(MarkdownBlocks.TextOf(link)).Trim('.', ':', '!', ' ');
                    if (VagueLinkTexts.Contains(text))
                        Add($"A link’s text, “{text}”, does not say where it leads ({link.Url}).", "Use the name of the page or what the reader finds there.");
                    else if (IsAddress(text))
                        Add($"A link’s text is a bare web address: {text}.", "Use the name of the page or what the reader finds there.");
                    break;
                case AutolinkInline autolink when !autolink.IsEmail:
                    Add($"A link’s text is a bare web address: {autolink.Url}.", "Write it as [name of the page](address).");
                    break;
                case ParagraphBlock { Inline: { } inline }:
                    if (LongestCapitalRun(MarkdownBlocks.TextOf(inline)) is { Length: > 0 } capitals)
                        Add($"A long passage is in capitals: “{Claims.Excerpt(capitals, 80)}”.", "Capitals are harder to read and some screen readers spell them out; use bold for emphasis.");
                    break;
                case Table table:
                    if (table.Count == 0 || table[0] is not TableRow { IsHeader: true } header
                        || header.OfType<TableCell>().All(cell => cell.Descendants<LiteralInline>().All(l => l.Content.IsEmptyOrWhitespace())))
                        Add("A table has no header row.", "Give the first row the column names, followed by a |---| line.");
                    break;
            }
        }
        return findings;
    }

    /// <summary>The level a heading of the text has on the page: under the section's h2, and never deeper than h6 (as the pipeline renders it).</summary>
    private static int PageLevel(int markdownLevel) => Math.Min(6, markdownLevel + 2);

    private static string HeadingText(HeadingBlock heading) => heading.Inline is null ? "" : MarkdownBlocks.Collapse(MarkdownBlocks.TextOf(heading.Inline));

    private static bool LooksLikeFileName(string alt, string? url)
    {
        if (FileName().IsMatch(alt) || CameraName().IsMatch(alt))
            return true;
        var lastSegment = url?.Split('/', '?', '#').LastOrDefault(s => s.Length > 0);
        return lastSegment is not null && string.Equals(alt, lastSegment, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsAddress(string text) => text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>The longest run of <see cref="CapitalWordsInARow"/> or more words written in capitals, or "".</summary>
    internal static string LongestCapitalRun(string text)
    {
        var best = "";
        var run = new List<string>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(""))
        {
            var letters = token.Where(char.IsLetter).ToList();
            // A word of one capital ("B12", "K") is a name, not shouting; but the words A, I and O do not break a run of capitals.
            if ((letters.Count >= 2 && letters.All(char.IsUpper))
                || (run.Count > 0 && letters is ['A' or 'I' or 'O'] && !token.Any(char.IsDigit)))
            {
                run.Add(token);
                continue;
            }
            if (run.Count >= CapitalWordsInARow && string.Join(' ', run) is var passage && passage.Length > best.Length)
                best = passage;
            run.Clear();
        }
        return best;
    }

    [GeneratedRegex(@"^[\w\-. ]*\.(png|jpe?g|gif|webp|svg|avif|bmp|tiff?|heic)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"^(img|dsc|dscn|image|photo|pic|screenshot|screen shot)[-_ ]?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex CameraName();
}
