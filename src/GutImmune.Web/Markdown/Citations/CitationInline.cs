using Markdig.Syntax.Inlines;

namespace GutImmune.Web.Markdown.Citations;

/// <summary>A citation marker such as [3], [3, 5] or [6-8], parsed from Markdown text.</summary>
public sealed class CitationInline : LeafInline
{
    public CitationInline(string markerText, IReadOnlyList<CitationRange> ranges)
    {
        MarkerText = markerText;
        Ranges = ranges;
    }

    /// <summary>The marker as written, including the brackets; rendered as plain text when it cannot be linked.</summary>
    public string MarkerText { get; }

    public IReadOnlyList<CitationRange> Ranges { get; }

    public IEnumerable<int> Numbers => Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1));

    /// <summary>The id of the rendered marker, so the reference list can link back to it. Set by <see cref="CitationScope"/>.</summary>
    public string? AnchorId { get; internal set; }

    /// <summary>False when the article has no reference for one of the numbers: the marker is then rendered as text.</summary>
    public bool IsResolved { get; internal set; } = true;
}

/// <summary>A single number (First == Last) or an inclusive range of reference numbers.</summary>
public readonly record struct CitationRange(int First, int Last)
{
    public bool IsSingle => First == Last;
}
