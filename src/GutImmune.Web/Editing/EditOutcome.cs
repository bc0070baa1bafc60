using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>What became of a save: saved, refused as invalid, refused as a conflict, or nothing (or no part) to save it to.</summary>
public abstract record EditOutcome
{
    /// <summary>
    /// The change is in the article at <paramref name="Version"/>; when it changed nothing (<paramref name="Changed"/>
    /// false) nothing was written. A new article is saved as version 1.
    /// </summary>
    public sealed record Saved(int ArticleId, int Version, bool Changed = true) : EditOutcome
    {
        public bool Created => Changed && Version == 1;
    }

    /// <summary>
    /// The change is refused for <paramref name="Problems"/>. <paramref name="Merged"/>, when someone saved the article
    /// since the editor opened it, is the merge the problems were found in (not saved): its places are what the problems
    /// name, and a form shown again from it carries the others' changes. <paramref name="SinceOpened"/>: the problems come
    /// from saves since the editor's version (a reference the editor cites was removed), a conflict answered 409.
    /// </summary>
    public sealed record Invalid(IReadOnlyList<ContentProblem> Problems, Article? Merged = null, bool SinceOpened = false) : EditOutcome;

    /// <summary>
    /// Someone saved the article after the editor opened it (<paramref name="ExpectedVersion"/> is what they started
    /// from) and changed what this editor changed. <paramref name="Fields"/> are the other people's changes that saving
    /// this editor's form now would replace. <paramref name="Merged"/>, when known, is the article with everything of
    /// both combined and the editor's side of each of <paramref name="Fields"/> (not saved): a form shown again from it
    /// and saved keeps the others' changes. <paramref name="Numbering"/>, when known, puts a text typed in the numbering of the
    /// editor's version into today's, as the merge did: the editor's text sent again against the current version is sent so.
    /// </summary>
    public sealed record Conflict(int ArticleId, int ExpectedVersion, int CurrentVersion, IReadOnlyList<ConflictingField> Fields,
        Article? Merged = null, ReferenceNumbering? Numbering = null) : EditOutcome;

    public sealed record NotFound : EditOutcome;

    /// <summary>
    /// A change to one part of the article (<paramref name="Part"/>) that a save after <paramref name="ExpectedVersion"/>, the
    /// version the editor started from, made impossible or pointless; the article is now at <paramref name="CurrentVersion"/>.
    /// Nothing was changed.
    /// </summary>
    public abstract record PartRefused(int ArticleId, int ExpectedVersion, int CurrentVersion, PartKind Part) : EditOutcome;

    /// <summary>The part the change is about was deleted by a save since the editor's version.</summary>
    public sealed record PartGone(int ArticleId, int ExpectedVersion, int CurrentVersion, PartKind Part)
        : PartRefused(ArticleId, ExpectedVersion, CurrentVersion, Part);

    /// <summary>
    /// The change adds a part equal to one a save since the editor's version added: someone else's, or this same form sent
    /// before (a double click, a reload, "Add it again" pressed twice). Refused so that a second copy is only ever added on
    /// purpose (sent again from the current version). <paramref name="Merged"/>, for a change to the whole article (the
    /// writing page), is the merge without the second copy (not saved): a page shown again from it has everything else.
    /// </summary>
    public sealed record AddedAlready(int ArticleId, int ExpectedVersion, int CurrentVersion, PartKind Part, Article? Merged = null)
        : PartRefused(ArticleId, ExpectedVersion, CurrentVersion, Part);

    /// <summary>
    /// A workflow step that may not be taken: <paramref name="ForRole"/> when this person may not take it (403), else the
    /// article's state does not allow it (409). Nothing was changed.
    /// </summary>
    public sealed record StepRefused(string Message, bool ForRole) : EditOutcome;
}

/// <summary>
/// A field someone else changed since the editor opened the article, with their value and the editor's;
/// <paramref name="EditorChangedIt"/> is false when the editor's form would only put back the value they started from.
/// <paramref name="Key"/> names the field as <see cref="ArticleFields"/> does ("title", "section12.body", "fact40"), so a page
/// can show the conflict on the block it belongs to.
/// </summary>
public sealed record ConflictingField(string Key, string Label, string Theirs, string Yours, bool EditorChangedIt);
