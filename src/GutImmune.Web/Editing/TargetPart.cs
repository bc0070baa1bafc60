using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>The parts of an article that editors change one at a time, each on its own page.</summary>
public enum PartKind { Section, Fact, Cause, Reference }

public static class PartKinds
{
    /// <summary>What editors call the part: "section", "fact", "cause", "reference".</summary>
    public static string Noun(PartKind kind) => kind switch
    {
        PartKind.Section => "section",
        PartKind.Fact => "fact",
        PartKind.Cause => "cause",
        _ => "reference",
    };
}

/// <summary>
/// The one part of an article a change is about: one it has, by its id, or a new one it adds (<see cref="New"/>, no id).
/// Told to <see cref="ArticleEditor"/>, it lets the edit answer for the part itself: gone since the editor's version
/// (<see cref="EditOutcome.PartGone"/>), or added already by a save since (<see cref="EditOutcome.AddedAlready"/>).
/// </summary>
public sealed record TargetPart(PartKind Kind, int? Id)
{
    public static TargetPart New(PartKind kind) => new(kind, null);

    /// <summary>A part the change adds. An id of 0 (a page address /facts/0) names a part, one no article has.</summary>
    public bool IsNew => Id is null;

    public bool IsIn(Article article) => Kind switch
    {
        PartKind.Section => article.Sections.Exists(s => s.Id == Id),
        PartKind.Fact => article.Sections.Exists(s => s.Facts.Exists(f => f.Id == Id)),
        PartKind.Cause => article.Sections.Exists(s => s.Causes.Exists(c => c.Id == Id)),
        _ => article.Citations.Exists(c => c.Id == Id),
    };
}
