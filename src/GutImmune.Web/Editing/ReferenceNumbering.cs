using GutImmune.Web.Content;
using GutImmune.Web.Markdown;

namespace GutImmune.Web.Editing;

/// <summary>
/// Where each reference of the version an editor started from is numbered now, so that the citation markers the editor
/// typed, in the numbering of that version, cite the same works after saves that renumbered, removed or inserted
/// references. Revision snapshots carry no ids: a reference is followed from one revision to the next by its content
/// (everything but its number, as <see cref="PartContent"/> compares it), or, when one save changed it, as the only
/// reference each side left unmatched while the count stayed the same. One that cannot be followed is lost: removed
/// when every reference of the next revision is one followed there, unknown otherwise.
/// </summary>
public sealed class ReferenceNumbering
{
    /// <summary>
    /// A reference of the editor's version (its number there, and title) that is no longer followed since
    /// <paramref name="Version"/>: removed then, or changed in a way its content does not tell.
    /// </summary>
    public sealed record Lost(int Number, string Title, int Version, bool Removed);

    private readonly Dictionary<int, int> _now;
    private readonly Dictionary<int, Lost> _lost;

    private ReferenceNumbering(Dictionary<int, int> now, Dictionary<int, Lost> lost) => (_now, _lost) = (now, lost);

    /// <summary>Nothing moved: every reference has the number it had in the editor's version.</summary>
    public bool Unchanged => _lost.Count == 0 && _now.All(n => n.Key == n.Value);

    /// <summary>
    /// Follows the references of <paramref name="started"/> through <paramref name="later"/> (the versions after it, oldest
    /// first, the last one the article as it is now).
    /// </summary>
    public static ReferenceNumbering Follow(Article started, IEnumerable<(int Version, Article Article)> later)
    {
        var now = started.Citations.Select(c => c.Number).Distinct().ToDictionary(n => n, n => n);
        var lost = new Dictionary<int, Lost>();
        var previous = started;
        foreach (var (version, next) in later)
        {
            var (step, othersAdded) = Step(previous, next);
            foreach (var (startedNumber, number) in now.ToList())
            {
                if (step.TryGetValue(number, out var moved) && moved is { } to)
                {
                    now[startedNumber] = to;
                    continue;
                }
                now.Remove(startedNumber);
                lost[startedNumber] = new Lost(startedNumber, started.Citations.First(c => c.Number == startedNumber).Title, version, Removed: !othersAdded);
            }
            previous = next;
        }
        return new ReferenceNumbering(now, lost);
    }

    /// <summary>
    /// Each reference number of <paramref name="from"/> to its number in <paramref name="to"/>, null when not followed, and
    /// whether <paramref name="to"/> has references not followed from <paramref name="from"/>.
    /// </summary>
    private static (Dictionary<int, int?> Numbers, bool OthersAdded) Step(Article from, Article to)
    {
        var left = Numbered(to);
        var step = new Dictionary<int, int?>();
        var unmatched = new List<int>();
        foreach (var (number, content) in Numbered(from))
        {
            var at = left.FindIndex(p => Equals(p.Content, content));
            if (at < 0)
            {
                unmatched.Add(number);
                continue;
            }
            step[number] = left[at].Number;
            left.RemoveAt(at);
        }
        if (unmatched.Count == 1 && left.Count == 1 && from.Citations.Count == to.Citations.Count)
        {
            step[unmatched[0]] = left[0].Number;
            left.Clear();
        }
        foreach (var number in unmatched.Where(n => !step.ContainsKey(n)))
            step[number] = null;
        return (step, left.Count > 0);
    }

    private static List<(int Number, object Content)> Numbered(Article article) =>
        article.Citations.Zip(PartContent.Of(article, PartKind.Reference), (c, p) => (c.Number, p.Content)).OrderBy(p => p.Number).ToList();

    /// <summary>The markers of <paramref name="markdown"/> (in the editor's numbering) that cite a reference lost since, each with it.</summary>
    public IEnumerable<(string Marker, Lost Reference)> LostCitedIn(string markdown) => _lost.Count == 0 ? [] :
        from marker in ContentMarkdown.FindCitationMarkers(markdown)
        from number in marker.Numbers
        where _lost.ContainsKey(number)
        select (marker.MarkerText, _lost[number]);

    /// <summary><paramref name="markdown"/>, typed in the editor's numbering, with its markers in today's.</summary>
    public string Renumber(string markdown) => Unchanged ? markdown : CitationMarkers.Rewrite(markdown, _now);

    /// <summary>Where a reference of the editor's version is numbered today; null when that version had no such number or it is lost.</summary>
    public int? NumberNow(int number) => _now.TryGetValue(number, out var now) ? now : null;

    /// <summary>A reference number of the editor's version in today's numbering; a number that version did not have stays as it is.</summary>
    public int Renumber(int number) => _now.GetValueOrDefault(number, number);
}
