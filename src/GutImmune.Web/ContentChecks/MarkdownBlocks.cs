using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GutImmune.Web.ContentChecks;

/// <summary>One paragraph of a Markdown text as the checks read it: its words without markup, and the references it cites.</summary>
/// <param name="InList">Whether the paragraph is a list item (its own sentence even without a full stop).</param>
public sealed record TextBlock(string Text, IReadOnlyList<int> Cited, bool InList);

/// <summary>Reads the paragraphs of a Markdown text through the site's one pipeline (so citation markers are what readers see as such).</summary>
public static class MarkdownBlocks
{
    /// <summary>
    /// The text's paragraphs (list items and quotes included; headings, tables and code left out), in order; none for a
    /// text too costly to read (<see cref="AccessibilityChecks"/> reports it).
    /// </summary>
    public static IReadOnlyList<TextBlock> Paragraphs(string markdown)
    {
        if (ContentMarkdown.ParseSyntaxWithinCost(markdown).Document is not { } document)
            return [];
        var blocks = new List<TextBlock>();
        foreach (var paragraph in document.Descendants<ParagraphBlock>())
        {
            if (paragraph.Inline is null || IsInTable(paragraph))
                continue;
            var cited = new List<int>();
            var text = Collapse(TextOf(paragraph.Inline, cited));
            if (text.Length > 0)
                blocks.Add(new TextBlock(text, cited, IsInList(paragraph)));
        }
        return blocks;
    }

    /// <summary>The plain words of an inline container: citation markers and images left out (their numbers go to <paramref name="cited"/>).</summary>
    public static string TextOf(ContainerInline container, List<int>? cited = null)
    {
        var text = new System.Text.StringBuilder();
        void Walk(Inline inline)
        {
            switch (inline)
            {
                case CitationInline citation when citation.FindLink() is null:
                    cited?.AddRange(citation.Numbers);
                    break;
                case CitationInline citation:
                    text.Append(citation.MarkerText);
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline children:
                    foreach (var child in children)
                        Walk(child);
                    break;
            }
        }
        // The container itself may be an image or link whose words are wanted (alt text, link text).
        foreach (var child in container)
            Walk(child);
        return text.ToString();
    }

    private static LinkInline? FindLink(this Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline link)
                return link;
        }
        return null;
    }

    private static bool IsInList(Block block)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ListItemBlock)
                return true;
        }
        return false;
    }

    private static bool IsInTable(Block block)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is Table)
                return true;
        }
        return false;
    }

    /// <summary>Whitespace runs as one space, and no space left before punctuation where a citation marker was taken out.</summary>
    public static string Collapse(string text)
    {
        var collapsed = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return System.Text.RegularExpressions.Regex.Replace(collapsed, @" (?=[.,;:!?)])", "");
    }
}
