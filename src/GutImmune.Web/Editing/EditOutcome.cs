using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>What became of a save: saved, refused as invalid, refused as a conflict, or nothing to save it to.</summary>
public abstract record EditOutcome
{
    public sealed record Saved(int ArticleId, int Version) : EditOutcome;

    public sealed record Invalid(IReadOnlyList<ContentProblem> Problems) : EditOutcome;

    /// <summary>Someone saved the article after the editor opened it: <paramref name="ExpectedVersion"/> is what they started from.</summary>
    public sealed record Conflict(int ArticleId, int ExpectedVersion, int CurrentVersion) : EditOutcome;

    public sealed record NotFound : EditOutcome;
}
