using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GutImmune.Web.Markdown.Citations;

/// <summary>
/// Recognises [n], [n, m], [n-m] and mixtures of them. A bracket followed by "(" or "[" is a Markdown link and is
/// left to the link parser.
/// </summary>
public sealed class CitationInlineParser : InlineParser
{
    /// <summary>Reference numbers and range lengths beyond these are not citation markers but text.</summary>
    public const int MaxNumber = 999;
    private const int MaxRangeLength = 50;

    /// <summary>
    /// References one marker may cite, ranges counted out; a longer list is text. Each cited number renders a link and a
    /// backlink, so "[1,1,1,…]" of 20,000 characters made a field's HTML 25 times its size (a 51 MB page).
    /// </summary>
    public const int MaxCitedInOneMarker = 20;

    public CitationInlineParser()
    {
        // "!" too: in "tract![1]" the link parser would otherwise take "![" as the start of an image.
        OpeningCharacters = ['[', '!'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        if (text[start] == '!')
        {
            if (start + 1 > slice.End || text[start + 1] != '[' || !IsMarkerAt(text, start + 1, slice.End, out _, out _))
                return false;
            processor.Inline = new LiteralInline("!");
            slice.Start = start + 1;
            return true;
        }

        if (!IsMarkerAt(text, start, slice.End, out var ranges, out var closing))
            return false;
        // "[1]" with a "[1]: https://..." definition in the same text is a reference-style link, not a citation.
        if (processor.Document.ContainsLinkReferenceDefinition(text.Substring(start + 1, closing - start - 1)))
            return false;

        var markerText = text.Substring(start, closing - start + 1);
        processor.Inline = new CitationInline(markerText, ranges)
        {
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(closing)),
            Line = line,
            Column = column,
        };
        slice.Start = closing + 1;
        return true;
    }

    /// <summary>A marker opens at <paramref name="start"/> and is not the text of a Markdown link or image.</summary>
    private static bool IsMarkerAt(string text, int start, int end, out IReadOnlyList<CitationRange> ranges, out int closing)
    {
        ranges = TryParseMarker(text, start, end, out closing)!;
        if (ranges is null)
            return false;
        var next = closing + 1 <= end ? text[closing + 1] : '\0';
        return next is not ('(' or '[');
    }

    /// <summary>Parses the marker that opens at <paramref name="start"/>; null when the brackets hold anything else.</summary>
    internal static IReadOnlyList<CitationRange>? TryParseMarker(string text, int start, int end, out int closing)
    {
        closing = -1;
        var ranges = new List<CitationRange>();
        var cited = 0;
        var i = start + 1;
        while (true)
        {
            SkipSpaces(text, ref i, end);
            if (!TryReadNumber(text, ref i, end, out var first))
                return null;
            SkipSpaces(text, ref i, end);
            var last = first;
            if (i <= end && text[i] is '-' or '–')
            {
                i++;
                SkipSpaces(text, ref i, end);
                if (!TryReadNumber(text, ref i, end, out last) || last <= first || last - first >= MaxRangeLength)
                    return null;
                SkipSpaces(text, ref i, end);
            }
            ranges.Add(new CitationRange(first, last));
            if ((cited += last - first + 1) > MaxCitedInOneMarker)
                return null;

            if (i > end)
                return null;
            if (text[i] == ']')
            {
                closing = i;
                return ranges;
            }
            if (text[i] != ',')
                return null;
            i++;
        }
    }

    private static void SkipSpaces(string text, ref int i, int end)
    {
        while (i <= end && text[i] == ' ')
            i++;
    }

    private static bool TryReadNumber(string text, ref int i, int end, out int number)
    {
        number = 0;
        var digits = 0;
        while (i <= end && char.IsAsciiDigit(text[i]))
        {
            number = number * 10 + (text[i] - '0');
            i++;
            if (++digits > 3)
                return false;
        }
        return digits > 0 && number is >= 1 and <= MaxNumber;
    }
}
