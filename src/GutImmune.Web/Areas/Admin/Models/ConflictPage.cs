using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// A save refused because someone else changed the same fields first, or (<paramref name="Deleted"/>) deleted the part
/// the save was for. <paramref name="KeepMineAction"/> and <paramref name="KeepMineFields"/> send the editor's form again
/// against the current version (null when it cannot be); for a deleted part they add it again as a new one.
/// </summary>
public sealed record ConflictPage(EditOutcome.Conflict Conflict, RevisionHistory.Comparison? Changes, string? KeepMineAction,
    IReadOnlyList<KeyValuePair<string, string>> KeepMineFields, ConflictPage.DeletedPart? Deleted = null)
{
    /// <summary>The part that is gone ("section", "fact", "cause", "reference") and the saves since the editor opened the article, oldest first.</summary>
    public sealed record DeletedPart(string Noun, IReadOnlyList<RevisionHistory.Entry> SavesSince);

    /// <summary>
    /// What the editor typed in the form of a part (<paramref name="Label"/> names the part, e.g. "Section ‘Causes’"), and
    /// the address of the form that adds such a part: where the page sends it to add it as a new one.
    /// </summary>
    public sealed record TypedPart(string Label, string Text, string AddAction);
}
