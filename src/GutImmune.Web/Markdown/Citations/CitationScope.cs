namespace GutImmune.Web.Markdown.Citations;

/// <summary>
/// The citations of one rendered page (or one validated article): which reference numbers exist, where each is
/// cited, and which markers point at numbers the article lacks. Render a page's fragments through one scope, in
/// page order, so marker anchors are unique and the reference list can link back to every place.
/// </summary>
public sealed class CitationScope
{
    private readonly HashSet<int> _known;
    private readonly SortedDictionary<int, List<CitationUse>> _uses = [];
    private readonly List<UnknownCitation> _unknown = [];
    private int _markerCount;

    public CitationScope(IEnumerable<int> knownNumbers)
    {
        _known = [.. knownNumbers];
    }

    /// <summary>Cited reference numbers in ascending order.</summary>
    public IEnumerable<int> CitedNumbers => _uses.Keys;

    public IReadOnlyList<UnknownCitation> Unknown => _unknown;

    public IReadOnlyList<CitationUse> UsesOf(int number) =>
        _uses.TryGetValue(number, out var uses) ? uses : [];

    internal void Resolve(CitationInline marker, string place)
    {
        var missing = marker.Numbers.Where(n => !_known.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            marker.IsResolved = false;
            _unknown.AddRange(missing.Select(n => new UnknownCitation(place, marker.MarkerText, n)));
            return;
        }

        marker.AnchorId = $"cite-{++_markerCount}";
        foreach (var number in marker.Numbers)
        {
            if (!_uses.TryGetValue(number, out var uses))
                _uses[number] = uses = [];
            uses.Add(new CitationUse(marker.AnchorId, place));
        }
    }
}

/// <summary>One place that cites a reference: the marker's anchor and a label naming where it stands.</summary>
public sealed record CitationUse(string AnchorId, string Place);

/// <summary>A marker naming a reference number the article does not have.</summary>
public sealed record UnknownCitation(string Place, string Marker, int Number)
{
    public override string ToString() => $"{Place}: citation {Marker} refers to reference {Number}, which the article does not have";
}
