using GutImmune.Web.Content;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>What the citation picker lists: the article's references, and the version a new one is added to.</summary>
public sealed record CitationPickerList(int Version, IReadOnlyList<CitationPickerChoice> References)
{
    public static CitationPickerList Of(Article article) =>
        new(article.Version, article.Citations.OrderBy(c => c.Number).Select(CitationPickerChoice.Of).ToList());
}

public sealed record CitationPickerChoice(int Number, string Authors, string Title, int? Year)
{
    public static CitationPickerChoice Of(Citation citation) => new(citation.Number, citation.Authors.ToString(), citation.Title, citation.Year);
}

/// <summary>A reference the picker added, and the article's version after it.</summary>
public sealed record CitationPickerAdded(int Version, CitationPickerChoice Reference);
