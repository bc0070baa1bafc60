using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Web.Editing;

/// <summary>
/// Turns HTML pasted from a word processor or a web page into our Markdown: headings, lists (nested, also Word's
/// mso-list paragraphs), links, bold and italic, tables and block quotes are kept; styles, scripts, comments, Word's
/// own markup and embedded (data: URI) images are dropped; citation-like superscripts and "[1]" markers become
/// citation markers. A paste nested too deeply, with too many elements or too slow to convert is refused with why.
/// </summary>
public sealed partial class PastedHtml
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "SCRIPT", "STYLE", "HEAD", "TITLE", "META", "LINK", "TEMPLATE", "NOSCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH",
        "BUTTON", "INPUT", "SELECT", "TEXTAREA", "FORM", "CANVAS", "VIDEO", "AUDIO",
    };

    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "TABLE", "BLOCKQUOTE", "PRE", "HR", "SECTION",
            "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "NAV", "FIGURE", "FIGCAPTION", "DL", "DT", "DD", "ADDRESS", "BODY", "HTML",
            "CENTER"];

    /// <summary>
    /// Nesting deeper than this is refused: the HTML parser's work for each element grows with the depth it is opened
    /// at (16,000 nested &lt;div&gt;s took 49 seconds), the conversion recurses once per level, and no word processor
    /// nests anywhere near this deep. The Markdown side allows as much (<see cref="ContentMarkdown.MaxNestingDepth"/>).
    /// </summary>
    public const int MaxDepth = ContentMarkdown.MaxNestingDepth;

    /// <summary>
    /// Elements in one paste. Word's HTML has about one for every 10 characters of Markdown it becomes (the test fixture),
    /// so this is some ten times what fills a Markdown field (<see cref="ContentLimits.Markdown"/> characters), and
    /// parsing it stays well inside <see cref="MaxConversionTime"/> on a busy machine.
    /// </summary>
    public const int MaxElements = 20_000;

    /// <summary>A safety net for what the limits above do not foresee, in wall-clock time, so generous for a busy machine.</summary>
    public static readonly TimeSpan MaxConversionTime = TimeSpan.FromSeconds(2);

    public static readonly string TooDeep =
        $"The pasted formatting is nested more than {MaxDepth} levels deep (lists, quotes or boxes inside one another).";

    public static readonly string TooManyElements =
        $"The pasted formatting has more than {MaxElements:N0} parts (paragraphs, list items, table cells, styled words): paste a shorter part at a time.";

    public static readonly string TooSlow = "The pasted formatting takes too long to convert: paste a shorter part at a time.";

    /// <summary>The Markdown of a paste, or (with no Markdown) why it was refused.</summary>
    public sealed record Conversion(string Markdown, string? Problem);

    private readonly CancellationToken _cancellationToken;
    private readonly long _started = Stopwatch.GetTimestamp();

    private PastedHtml(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    public static Conversion ToMarkdown(string html, CancellationToken cancellationToken = default)
    {
        try
        {
            return new(new PastedHtml(cancellationToken).Convert(html), null);
        }
        catch (RefusedException refused)
        {
            return new("", refused.Message);
        }
    }

    private string Convert(string html)
    {
        // The parser tells of each element as it creates it; by then the one before is in the tree, so its depth is
        // known, and a paste over the limits is stopped before the parser's work on it grows.
        var elements = 0;
        IElement? previous = null;
        var parser = new HtmlParser(new HtmlParserOptions
        {
            OnCreated = (element, _) =>
            {
                Spend();
                if (++elements > MaxElements)
                    throw new RefusedException(TooManyElements);
                if (previous is not null && AncestorsExceed(previous, MaxDepth))
                    throw new RefusedException(TooDeep);
                previous = element;
            },
        });
        var document = parser.ParseDocument(html);
        var root = (INode?)document.Body ?? document;
        // The parser may still move elements deeper once created (misnested formatting is reopened inside what follows).
        if (DepthExceeds(root, MaxDepth))
            throw new RefusedException(TooDeep);
        var blocks = new List<string>();
        RenderBlocks(root.ChildNodes, blocks);
        return string.Join("\n\n", blocks).Trim();
    }

    /// <summary>Throws when the request was abandoned or the conversion has taken its time.</summary>
    private void Spend()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(_started) > MaxConversionTime)
            throw new RefusedException(TooSlow);
    }

    private static bool AncestorsExceed(INode node, int limit)
    {
        var ancestors = 0;
        for (var parent = node.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (++ancestors > limit)
                return true;
        }
        return false;
    }

    private static bool DepthExceeds(INode root, int limit)
    {
        var pending = new Stack<(INode Node, int Depth)>([(root, 0)]);
        while (pending.TryPop(out var next))
        {
            if (next.Depth > limit)
                return true;
            foreach (var child in next.Node.ChildNodes.OfType<IElement>())
                pending.Push((child, next.Depth + 1));
        }
        return false;
    }

    private void RenderBlocks(IEnumerable<INode> nodes, List<string> blocks)
    {
        var inline = new StringBuilder();
        var wordList = new List<WordListItem>();

        void FlushInline()
        {
            var text = Paragraph(inline.ToString());
            if (text.Length > 0)
                blocks.Add(text);
            inline.Clear();
        }

        void FlushWordList()
        {
            if (wordList.Count > 0)
                blocks.Add(WordList(wordList));
            wordList.Clear();
        }

        foreach (var node in nodes)
        {
            Spend();
            if (node is IElement element && IsWordListParagraph(element, out var listId, out var level))
            {
                FlushInline();
                if (wordList.Count > 0 && wordList[0].List != listId)
                    FlushWordList();
                wordList.Add(new WordListItem(listId, level, IsOrderedWordItem(element), Paragraph(Inline(element.ChildNodes))));
                continue;
            }
            if (node is IElement block && (Blocks.Contains(block.TagName) || Dropped.Contains(block.TagName) || HoldsBlocks(block)))
            {
                FlushInline();
                FlushWordList();
                RenderBlock(block, blocks);
                continue;
            }
            var text = Inline([node]);
            if (wordList.Count > 0 && string.IsNullOrWhiteSpace(text))
                continue;
            FlushWordList();
            inline.Append(text);
        }
        FlushInline();
        FlushWordList();
    }

    /// <summary>An inline element around blocks (Google Docs' &lt;b&gt; around the whole paste) is read as a container.</summary>
    private bool HoldsBlocks(IElement element) => element.Children.Any(child => Blocks.Contains(child.TagName) || HoldsBlocks(child));

    private void RenderBlock(IElement element, List<string> blocks)
    {
        if (element.ClassName is { } className && className.Contains("Quote", StringComparison.Ordinal) && element.TagName == "P")
        {
            // Word's Quote and Intense Quote paragraph styles.
            var quote = Paragraph(Inline(element.ChildNodes));
            if (quote.Length > 0)
                blocks.Add(Prefix(quote, "> ", "> "));
            return;
        }
        switch (element.TagName)
        {
            case var dropped when Dropped.Contains(dropped):
                return;
            case "H1" or "H2" or "H3" or "H4" or "H5" or "H6":
                var heading = Paragraph(Inline(element.ChildNodes), escapeLineStart: false);
                if (heading.Length > 0)
                    blocks.Add($"{new string('#', element.TagName[1] - '0')} {heading.Replace("\n", " ")}");
                return;
            case "UL" or "OL":
                var list = List(element);
                if (list.Length > 0)
                    blocks.Add(list);
                return;
            case "TABLE":
                var table = Table(element);
                if (table.Length > 0)
                    blocks.Add(table);
                return;
            case "BLOCKQUOTE":
                var inner = new List<string>();
                RenderBlocks(element.ChildNodes, inner);
                if (inner.Count > 0)
                    blocks.Add(Prefix(string.Join("\n\n", inner), "> ", "> ").Replace("> \n", ">\n"));
                return;
            case "PRE":
                var code = element.TextContent.TrimEnd('\n');
                var fence = code.Contains("```") ? "~~~" : "```";
                blocks.Add($"{fence}\n{code}\n{fence}");
                return;
            case "HR":
                blocks.Add("---");
                return;
            default:
                RenderBlocks(element.ChildNodes, blocks);
                return;
        }
    }

    private string List(IElement list)
    {
        var ordered = list.TagName == "OL";
        var number = int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        var items = new List<string>();
        foreach (var child in list.Children)
        {
            if (child.TagName is "UL" or "OL")
            {
                // Google Docs nests a sub-list beside the items rather than inside the item it belongs to.
                var nested = List(child);
                if (nested.Length == 0)
                    continue;
                if (items.Count == 0)
                    items.Add(ordered ? $"{number++}. " : "- ");
                var marker = items[^1].Length - items[^1].TrimStart().Length + MarkerWidth(items[^1]);
                items[^1] = items[^1].TrimEnd() + "\n" + Prefix(nested, new string(' ', marker), new string(' ', marker));
                continue;
            }
            var blocks = new List<string>();
            RenderBlocks(child.TagName == "LI" ? child.ChildNodes : [child], blocks);
            var bullet = ordered ? $"{number++}. " : "- ";
            var body = string.Join("\n", blocks.Select((b, i) => i > 0 && !IsList(b) ? "\n" + b : b));
            items.Add(Prefix(body, bullet, new string(' ', bullet.Length)));
        }
        return string.Join("\n", items);
    }

    private static bool IsList(string block) => ListMarker().IsMatch(block);

    private static int MarkerWidth(string item) => ListMarker().Match(item) is { Success: true } m ? m.Length : 2;

    private string Table(IElement table)
    {
        var rows = table.QuerySelectorAll("tr")
            .Where(row => row.Closest("table") == table)
            .Select(row => row.Children.Where(c => c.TagName is "TD" or "TH").Select(Cell).ToList())
            .Where(cells => cells.Count > 0)
            .ToList();
        if (rows.Count == 0)
            return "";
        var columns = rows.Max(r => r.Count);
        var lines = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Concat(Enumerable.Repeat("", columns - rows[i].Count));
            lines.Add("| " + string.Join(" | ", cells) + " |");
            if (i == 0)
                lines.Add("|" + string.Concat(Enumerable.Repeat(" --- |", columns)));
        }
        return string.Join("\n", lines);
    }

    private string Cell(IElement cell)
    {
        var blocks = new List<string>();
        RenderBlocks(cell.ChildNodes, blocks);
        return string.Join(" ", blocks).Replace("\\\n", " ").Replace('\n', ' ').Replace("|", "\\|").Trim();
    }

    private static string WordList(List<WordListItem> items)
    {
        // Word writes lists as paragraphs that name their level; the indent of each level follows the marker above it.
        var indents = new List<int> { 0 };
        var numbers = new List<int> { 0 };
        var lines = new List<string>();
        foreach (var item in items)
        {
            var level = Math.Clamp(item.Level, 1, indents.Count);
            indents.RemoveRange(level, indents.Count - level);
            numbers.RemoveRange(level, numbers.Count - level);
            numbers[level - 1]++;
            var marker = item.Ordered ? $"{numbers[level - 1]}. " : "- ";
            var indent = new string(' ', indents[level - 1]);
            lines.Add(Prefix(item.Text, indent + marker, indent + new string(' ', marker.Length)));
            indents.Add(indents[level - 1] + marker.Length);
            numbers.Add(0);
        }
        return string.Join("\n", lines);
    }

    private static bool IsWordListParagraph(IElement element, out string list, out int level)
    {
        (list, level) = ("", 0);
        if (element.TagName != "P" || element.GetAttribute("style") is not { } style || WordListLevel().Match(style) is not { Success: true } match)
            return false;
        (list, level) = (match.Groups[1].Value, int.Parse(match.Groups[2].Value));
        return true;
    }

    private static bool IsOrderedWordItem(IElement paragraph) =>
        paragraph.QuerySelectorAll("[style]").FirstOrDefault(IsWordListMarker) is { } marker
        && WordNumber().IsMatch(marker.TextContent.Replace('\u00A0', ' ').Trim());

    private static bool IsWordListMarker(IElement element) =>
        element.GetAttribute("style")?.Replace(" ", "").Contains("mso-list:ignore", StringComparison.OrdinalIgnoreCase) == true;

    private string Inline(IEnumerable<INode> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            Spend();
            switch (node)
            {
                case IText t:
                    text.Append(EscapeText(Whitespace().Replace(t.Data.Replace('\u00A0', ' '), " ")));
                    break;
                case IElement e:
                    text.Append(InlineElement(e));
                    break;
            }
        }
        return text.ToString();
    }

    private string InlineElement(IElement element)
    {
        if (Dropped.Contains(element.TagName) || IsWordListMarker(element))
            return "";
        if (Blocks.Contains(element.TagName))
        {
            var blocks = new List<string>();
            RenderBlock(element, blocks);
            return " " + string.Join(" ", blocks) + " ";
        }
        var style = Declarations(element);
        switch (element.TagName)
        {
            case "BR":
                return "\\\n";
            case "IMG":
                var source = element.GetAttribute("src") ?? "";
                return IsWebAddress(source) ? $"![{Escape(element.GetAttribute("alt") ?? "")}]({Destination(source)})" : "";
            case "CODE" or "KBD" or "SAMP" or "TT":
                var code = Whitespace().Replace(element.TextContent, " ");
                return code.Trim().Length == 0 ? "" : code.Contains('`') ? $"`` {code} ``" : $"`{code}`";
            case "A":
                var inner = Inline(element.ChildNodes);
                var href = element.GetAttribute("href") ?? "";
                return IsWebAddress(href) && inner.Trim().Length > 0 ? Wrap(inner, "[", $"]({Destination(href)})") : inner;
            case "SUP":
                return Superscript(element);
            case "SUB":
                return Wrap(Inline(element.ChildNodes), "~", "~");
        }
        if (style.GetValueOrDefault("vertical-align") == "super")
            return Superscript(element);
        var content = Inline(element.ChildNodes);
        // Google Docs wraps a whole paste in <b style="font-weight:normal"> and marks emphasis with styles instead.
        var bold = style.TryGetValue("font-weight", out var weight)
            ? weight is "bold" or "bolder" || (int.TryParse(weight, out var w) && w >= 600)
            : element.TagName is "B" or "STRONG";
        var italic = style.TryGetValue("font-style", out var slant)
            ? slant is "italic" or "oblique"
            : element.TagName is "I" or "EM" or "CITE" or "DFN";
        if (italic)
            content = Wrap(content, "*", "*");
        if (bold)
            content = Wrap(content, "**", "**");
        return content;
    }

    private static Dictionary<string, string> Declarations(IElement element)
    {
        var declarations = new Dictionary<string, string>();
        foreach (var declaration in (element.GetAttribute("style") ?? "").Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon > 0)
                declarations[declaration[..colon].Trim().ToLowerInvariant()] = declaration[(colon + 1)..].Trim().ToLowerInvariant();
        }
        return declarations;
    }

    /// <summary>A superscript that holds reference numbers (3, [3], 1,2, 1-3) is a citation; any other is kept as ^text^.</summary>
    private string Superscript(IElement element)
    {
        var numbers = element.TextContent.Replace('\u00A0', ' ').Trim().Trim('[', ']', '(', ')').Trim();
        if (numbers.Length > 0 && CitationInlineParser.TryParseMarker($"[{numbers}]", 0, numbers.Length + 1, out _) is { } ranges)
            return "[" + string.Join(", ", ranges.Select(r => r.First == r.Last ? $"{r.First}" : $"{r.First}-{r.Last}")) + "]";
        var inner = Inline(element.ChildNodes);
        return inner.Trim().Length == 0 ? "" : Wrap(inner, "^", "^");
    }

    /// <summary>Puts Markdown delimiters around text, outside its leading and trailing spaces (CommonMark needs them flush).</summary>
    private static string Wrap(string content, string open, string close)
    {
        var trimmed = content.Trim();
        if (trimmed.Length == 0)
            return content;
        var leading = content[..(content.Length - content.TrimStart().Length)];
        var trailing = content[content.TrimEnd().Length..];
        return $"{leading}{open}{trimmed}{close}{trailing}";
    }

    private static bool IsWebAddress(string address) =>
        Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    private static string Destination(string address) =>
        address.Trim().Replace(" ", "%20").Replace("(", "%28").Replace(")", "%29").Replace("<", "%3C").Replace(">", "%3E");

    /// <summary>Escapes Markdown in text, leaving "[1]"-style citation markers as they are (their en dashes made plain).</summary>
    private static string EscapeText(string text)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[' && CitationInlineParser.TryParseMarker(text, i, text.Length - 1, out var closing) is not null)
            {
                result.Append(text.AsSpan(i, closing - i + 1).ToString().Replace('–', '-'));
                i = closing + 1;
                continue;
            }
            result.Append(Escape(text[i].ToString()));
            i++;
        }
        return result.ToString();
    }

    private static string Escape(string text) => MarkdownPunctuation().Replace(text, @"\$0");

    /// <summary>A paragraph's inline Markdown, spaces collapsed, with a leading character that would start a block escaped.</summary>
    private static string Paragraph(string inline, bool escapeLineStart = true)
    {
        var lines = inline.Split('\n').Select(line => Whitespace().Replace(line, " ").Trim()).ToList();
        var text = string.Join("\n", lines).Trim();
        while (text.EndsWith('\\'))
            text = text[..^1].TrimEnd();
        while (text.StartsWith("\\\n"))
            text = text[2..].TrimStart();
        return escapeLineStart ? NumberedLineStart().Replace(BlockStart().Replace(text, @"\$0"), @"$1\$2") : text;
    }

    private static string Prefix(string text, string first, string rest) =>
        string.Join("\n", text.Split('\n').Select((line, i) => (i == 0 ? first : line.Length == 0 ? "" : rest) + line));

    private sealed record WordListItem(string List, int Level, bool Ordered, string Text);

    private sealed class RefusedException(string problem) : Exception(problem);

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\\`*_\[\]<]")]
    private static partial Regex MarkdownPunctuation();

    [GeneratedRegex(@"^(#|>|[-+=](?=\s|$))", RegexOptions.Multiline)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(\d+)([.)])(?=\s|$)", RegexOptions.Multiline)]
    private static partial Regex NumberedLineStart();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)]) ")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"mso-list:\s*(l\d+)\s+level(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex WordListLevel();

    [GeneratedRegex(@"^(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]")]
    private static partial Regex WordNumber();

}
