using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// A save refused because someone else changed the same fields first, or (<paramref name="Part"/>) deleted the part the
/// save was for, or already added the part it adds. <paramref name="KeepMineAction"/> and <paramref name="KeepMineFields"/>
/// send the editor's form again against the current version (null when it cannot be); for a deleted part they add it
/// again as a new one, for a part added already they add a second copy.
/// </summary>
public sealed record ConflictPage(EditOutcome.Conflict Conflict, RevisionHistory.Comparison? Changes, string? KeepMineAction,
    IReadOnlyList<KeyValuePair<string, string>> KeepMineFields, ConflictPage.PartConflict? Part = null)
{
    /// <summary>
    /// The one part the save was about ("section", "fact", "cause", "reference"), deleted by a save since the editor opened
    /// the article or (<paramref name="AddedAlready"/>) added by one, and the saves since, oldest first.
    /// </summary>
    public sealed record PartConflict(string Noun, bool AddedAlready, IReadOnlyList<RevisionHistory.Entry> SavesSince);

    /// <summary>
    /// What the editor typed in the form of a part (<paramref name="Label"/> names the part, e.g. "Section ‘Causes’"), and
    /// the address of the form that adds such a part: where the page sends it to add it as a new one.
    /// </summary>
    public sealed record TypedPart(string Label, string Text, string AddAction);
}
