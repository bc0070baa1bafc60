using GutImmune.Web.Content;

namespace GutImmune.Web.ContentChecks;

/// <summary>The kinds of check, in the order the panel and the report show them.</summary>
public enum CheckGroup
{
    Readability,
    UncitedClaims,
    Evidence,
    Accessibility,
    References,
}

/// <summary>
/// One thing an editor may want to fix: where it is (<see cref="Place"/>, and in words <see cref="Where"/>), what is
/// wrong, and hints (the long sentences of a hard section, its long words). <see cref="Claim"/> is the text an uncited
/// claim is known by, for marking it "no citation needed".
/// </summary>
public sealed record ContentFinding(CheckGroup Group, ContentPlace Place, string Where, string Message, IReadOnlyList<string> Hints, string? Claim = null);

public static class CheckGroups
{
    public static string Name(CheckGroup group) => group switch
    {
        CheckGroup.Readability => "Readability",
        CheckGroup.UncitedClaims => "Uncited claims",
        CheckGroup.Evidence => "Evidence",
        CheckGroup.Accessibility => "Accessibility of content",
        _ => "Reference hygiene",
    };
}
