namespace GutImmune.Web.Markdown;

/// <summary>
/// What one Markdown text may cost to render, so that nothing stored can be slow to show. Markdig parses the inline
/// markup of each paragraph with work that grows with the square of its emphasis marks and link brackets (a paragraph
/// of 20,000 characters of "*a" takes about half a second of CPU, and a page renders every section), so their number
/// in a paragraph is limited; quotes and lists opened on one line are counted, and other nesting deeper than the
/// pipeline allows (<see cref="ContentMarkdown.MaxNestingDepth"/>) is refused when parsing finds it; a render time
/// limit catches what none of these foresees. Within these limits a text of the longest allowed length renders in
/// a few milliseconds.
/// </summary>
public static class MarkdownCost
{
    /// <summary>
    /// Runs of emphasis delimiters (<see cref="ContentMarkdown.EmphasisDelimiters"/>: *, _, ~, ^, ++ and ==) in one
    /// paragraph: each may open or close emphasis.
    /// </summary>
    public const int MaxEmphasisRuns = 500;

    /// <summary>
    /// Emphasis delimiter runs, and opening square brackets, in one whole text: the work grows with their total too
    /// (500 in each of many paragraphs made a field render 15 times slower than ordinary prose).
    /// </summary>
    public const int MaxMarksInText = 2_000;

    /// <summary>Opening square brackets in one paragraph: each may start a link, an image or a citation.</summary>
    public const int MaxBrackets = 500;

    /// <summary>
    /// Quotes and list items opened at the start of one line ("> > >", "- > - >", "1. 1. 1."). Markdig refuses nesting
    /// past its depth limit only after a few hundred milliseconds of work on such a line; far fewer are ever meant.
    /// </summary>
    public const int MaxContainersOnALine = 32;

    /// <summary>
    /// A safety net: an ordinary text of the longest allowed length renders in a few milliseconds and the counted
    /// worst case in tens. Generous, as it is wall-clock time: on a machine under load an ordinary text must not hit it.
    /// </summary>
    public static readonly TimeSpan MaxRenderTime = TimeSpan.FromSeconds(2);

    public const string TooDeep = "is nested too deeply to display (quotes, lists, links or emphasis inside one another): flatten it.";

    public const string TooSlow = "is too slow to display: split it or simplify its formatting.";

    /// <summary>The delimiter runs as a message names them: "*, _, ~, ^, ++, ==".</summary>
    private static readonly string DelimiterNames = string.Join(", ", ContentMarkdown.EmphasisDelimiters.Select(d => new string(d.Character, d.MinimumCount)));

    /// <summary>Why <paramref name="markdown"/> would be too costly to render, found by counting without parsing; null if it is not.</summary>
    public static string? CountProblem(string markdown)
    {
        // A blank line always ends a paragraph, so text between blank lines bounds what one paragraph holds. Blank and
        // line endings are CommonMark's, as Markdig reads them: a line of spaces and tabs only, ended by \n, \r\n or \r.
        int emphasisRuns = 0, brackets = 0, mostEmphasisRuns = 0, mostBrackets = 0, marks = 0;
        var lineIsBlank = true;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (IsLineStart(markdown, i) && ContainersOpenedAt(markdown, i) > MaxContainersOnALine)
                return TooDeep;
            if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < markdown.Length && markdown[i + 1] == '\n')
                    continue;
                if (lineIsBlank)
                    emphasisRuns = brackets = 0;
                lineIsBlank = true;
                continue;
            }
            lineIsBlank &= c is ' ' or '\t';
            if (c == '[')
            {
                mostBrackets = Math.Max(mostBrackets, ++brackets);
                marks++;
            }
            else if (StartsEmphasisRun(markdown, i))
            {
                mostEmphasisRuns = Math.Max(mostEmphasisRuns, ++emphasisRuns);
                marks++;
            }
        }
        if (mostEmphasisRuns > MaxEmphasisRuns)
            return $"is too costly to display: a paragraph has {mostEmphasisRuns:N0} emphasis marks ({DelimiterNames}); the limit is {MaxEmphasisRuns:N0} in one paragraph.";
        if (mostBrackets > MaxBrackets)
            return $"is too costly to display: a paragraph has {mostBrackets:N0} square brackets ([) for links, images and citations; the limit is {MaxBrackets:N0} in one paragraph.";
        if (marks > MaxMarksInText)
            return $"is too costly to display: it has {marks:N0} emphasis marks ({DelimiterNames}) and square brackets; the limit is {MaxMarksInText:N0} in one text.";
        return null;
    }

    private static bool IsLineStart(string markdown, int i) =>
        i == 0 || markdown[i - 1] == '\n' || (markdown[i - 1] == '\r' && markdown[i] != '\n');

    /// <summary>Whether a run of one delimiter character, as long as its emphasis parser needs ("++", not "+"), starts at <paramref name="i"/>.</summary>
    private static bool StartsEmphasisRun(string markdown, int i)
    {
        var c = markdown[i];
        if (i > 0 && markdown[i - 1] == c)
            return false;
        foreach (var delimiter in ContentMarkdown.EmphasisDelimiters)
        {
            if (delimiter.Character != c)
                continue;
            var end = i + 1;
            while (end < markdown.Length && markdown[end] == c && end - i < delimiter.MinimumCount)
                end++;
            return end - i >= delimiter.MinimumCount;
        }
        return false;
    }

    /// <summary>How many block quote (>) and list item (-, +, *, 1. or 1)) markers follow one another from <paramref name="lineStart"/>.</summary>
    private static int ContainersOpenedAt(string markdown, int lineStart)
    {
        var containers = 0;
        var i = lineStart;
        while (true)
        {
            while (i < markdown.Length && markdown[i] is ' ' or '\t')
                i++;
            if (i >= markdown.Length)
                return containers;
            var end = i;
            if (markdown[i] == '>')
                end = i + 1;
            else if (markdown[i] is '-' or '+' or '*')
                end = i + 1;
            else
            {
                while (end < markdown.Length && end - i < 9 && char.IsAsciiDigit(markdown[end]))
                    end++;
                if (end == i || end >= markdown.Length || markdown[end] is not ('.' or ')'))
                    return containers;
                end++;
            }
            // A list marker needs a space after it (or the line's end); "-a" or "1.5" is text.
            if (markdown[i] != '>' && end < markdown.Length && markdown[end] is not (' ' or '\t' or '\n' or '\r'))
                return containers;
            containers++;
            i = end;
        }
    }
}
