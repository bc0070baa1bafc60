namespace GutImmune.Web.Editing;

/// <summary>
/// The ids of the article's parts as a page's form lists them (the writing page): sections in order, each section's
/// facts and causes, and the references in the order of their numbers. 0 is a part the page added.
/// </summary>
public sealed record ShownParts(IReadOnlyList<int> Sections, IReadOnlyList<IReadOnlyList<int>> Facts, IReadOnlyList<IReadOnlyList<int>> Causes,
    IReadOnlyList<int> References);
