using System.Globalization;
using System.Text.RegularExpressions;
using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>
/// The problems a stored article already has, against which a save's problems are judged: a save is refused only for
/// problems it brings (<see cref="ArticleEditor"/>). A problem is the same one when the same rule is broken by the same
/// part, found by its id and not by its position (deleting section 1 makes the old section 3 "Section 2"), whatever
/// length or count its message gives (an over-long text shortened but still too long is "20,001 characters" no longer).
/// </summary>
public sealed partial class ProblemsAlreadyStored(Article stored, IEnumerable<ContentProblem> problems)
{
    private readonly List<(ContentPlace Place, string Message, long[] Figures)> _problems =
        [.. problems.Select(p => (p.Place, WithoutLength(p.Message), Lengths(p.Message)))];

    /// <summary>Those of <paramref name="problems"/> (of <paramref name="saved"/>, the stored article changed) that it did not have.</summary>
    public List<ContentProblem> BroughtBy(Article saved, IEnumerable<ContentProblem> problems)
    {
        var old = _problems.Select(p => (Place: PlaceIn(saved, p.Place), p.Message, p.Figures)).Where(p => p.Place is not null).ToList();
        return [.. problems.Where(p => !old.Any(o => o.Place == p.Place && o.Message == WithoutLength(p.Message) && NoGreater(Lengths(p.Message), o.Figures)))];
    }

    private static bool NoGreater(long[] figures, long[] before) =>
        figures.Length == before.Length && figures.Zip(before).All(pair => pair.First <= pair.Second);

    /// <summary>Where the part at <paramref name="place"/> of the stored article is in <paramref name="saved"/>; null when it is there no longer.</summary>
    private ContentPlace? PlaceIn(Article saved, ContentPlace place) => place switch
    {
        ContentPlace.Section s => At(stored.Sections, s.Index) is { } section
            && IndexOf(saved.Sections, x => x.Id == section.Id) is { } i ? s with { Index = i } : null,
        ContentPlace.Fact f => At(stored.Sections, f.SectionIndex) is { } section && At(section.Facts, f.Index) is { } fact
            && Find(saved, x => IndexOf(x.Facts, y => y.Id == fact.Id)) is var (si, i) ? new ContentPlace.Fact(si, i) : null,
        ContentPlace.Cause c => At(stored.Sections, c.SectionIndex) is { } section && At(section.Causes, c.Index) is { } cause
            && Find(saved, x => IndexOf(x.Causes, y => y.Id == cause.Id)) is var (si, i) ? c with { SectionIndex = si, Index = i } : null,
        ContentPlace.Citation c => At(stored.Citations, c.Index) is { } citation
            && IndexOf(saved.Citations, x => x.Id == citation.Id) is { } i ? c with { Index = i } : null,
        ContentPlace.Topic t => At(stored.Topics, t.Index) is { } topic
            && IndexOf(saved.Topics, x => x.Id == topic.Id) is { } i ? new ContentPlace.Topic(i) : null,
        ContentPlace.FileField f => PlaceIn(saved, f.Within) is { } within ? f with { Within = within } : null,
        // The article's own fields, and the claims marked as needing no citation, which have no id: kept by position.
        _ => place,
    };

    private static T? At<T>(List<T> parts, int index) where T : class => index >= 0 && index < parts.Count ? parts[index] : null;

    private static int? IndexOf<T>(List<T> parts, Predicate<T> match) => parts.FindIndex(match) is >= 0 and var i ? i : null;

    /// <summary>The section of <paramref name="saved"/> holding a part, and the part's index there (<paramref name="indexIn"/>, null when not in the section).</summary>
    private static (int Section, int Index)? Find(Article saved, Func<Section, int?> indexIn)
    {
        for (var s = 0; s < saved.Sections.Count; s++)
            if (indexIn(saved.Sections[s]) is { } i)
                return (s, i);
        return null;
    }

    private static string WithoutLength(string message) => LengthOrCount().Replace(message, "#");

    private static long[] Lengths(string message) =>
        [.. LengthOrCount().Matches(message).Select(m => long.TryParse(m.Value.TrimEnd(','), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var figure) ? figure : 0)];

    /// <summary>A length or a count the message gives ("is 20,001 characters long", "has 3,001 sections"), where more is
    /// always worse: other figures (a citation's number, an image's) tell one problem from another.</summary>
    [GeneratedRegex(@"(?<=\b(?:is|has) )\d[\d,]*(?= )")]
    private static partial Regex LengthOrCount();
}
