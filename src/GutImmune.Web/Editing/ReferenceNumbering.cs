using GutImmune.Web.Content;
using GutImmune.Web.Markdown;

namespace GutImmune.Web.Editing;

/// <summary>
/// Where each reference of the version an editor started from is numbered now, so that the citation markers the editor
/// typed, in the numbering of that version, cite the same works after saves that renumbered, removed or inserted
/// references. A reference is followed from one revision to the next by its id where both revisions record their
/// references' ids (<see cref="ArticleRevision.ReferenceIds"/>): one whose id is gone was removed. Between revisions
/// written before those ids were recorded, it is followed by its content (everything but its number, as
/// <see cref="PartContent"/> compares it), or, when one save changed it, as the only reference each side left unmatched
/// while the count stayed the same; one that cannot be followed so is lost: removed when every reference of the next
/// revision is one followed there, unknown otherwise.
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
            var (step, lostAreRemoved) = Step(previous, next);
            foreach (var (startedNumber, number) in now.ToList())
            {
                if (step.TryGetValue(number, out var moved) && moved is { } to)
                {
                    now[startedNumber] = to;
                    continue;
                }
                now.Remove(startedNumber);
                lost[startedNumber] = new Lost(startedNumber, started.Citations.First(c => c.Number == startedNumber).Title, version, Removed: lostAreRemoved);
            }
            previous = next;
        }
        return new ReferenceNumbering(now, lost);
    }

    /// <summary>
    /// Each reference number of <paramref name="from"/> to its number in <paramref name="to"/>, null when not followed, and
    /// whether those not followed were removed (rather than changed in a way their content does not tell).
    /// </summary>
    private static (Dictionary<int, int?> Numbers, bool LostAreRemoved) Step(Article from, Article to)
    {
        var step = new Dictionary<int, int?>();
        if (HasIds(from) && HasIds(to))
        {
            var numberById = to.Citations.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Number);
            foreach (var citation in from.Citations)
                step[citation.Number] = numberById.TryGetValue(citation.Id, out var number) ? number : null;
            return (step, LostAreRemoved: true);
        }
        var left = Numbered(to);
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
        return (step, LostAreRemoved: left.Count == 0);
    }

    /// <summary>Whether every reference of <paramref name="article"/> has its id: the article itself, or a revision that recorded them.</summary>
    public static bool HasIds(Article article) => article.Citations.All(c => c.Id != 0);

    private static List<(int Number, object Content)> Numbered(Article article) =>
        article.Citations.Zip(PartContent.Of(article, PartKind.Reference), (c, p) => (c.Number, p.Content)).OrderBy(p => p.Number).ToList();

    /// <summary>
    /// This numbering with the references the editor added (<paramref name="numbers"/>: their numbers on the page, which
    /// their version did not have) numbered after today's last (<paramref name="todaysLast"/>), in their order: others may
    /// have added references at those numbers since, which keep them.
    /// </summary>
    public ReferenceNumbering WithAdded(IEnumerable<int> numbers, int todaysLast)
    {
        var added = numbers.Where(n => !_now.ContainsKey(n) && !_lost.ContainsKey(n)).Distinct().Order().ToList();
        if (added.Count == 0)
            return this;
        var now = new Dictionary<int, int>(_now);
        foreach (var (number, i) in added.Select((n, i) => (n, i)))
            now[number] = todaysLast + i + 1;
        return new ReferenceNumbering(now, _lost);
    }

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
